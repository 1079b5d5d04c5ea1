"""Check stage: rules across records (unknown units and tasks, duplicates, who may report).

Every problem is collected; nothing raises. :func:`drop_invalid` then keeps only
records whose file had no error, so a broken file is never published half-read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from ..errors import Problems
from ..model.deadlines import DeadlineError, parse_deadline
from .records import ContentRecords, NoticeRecord, ReportRecord, TaskRecord, UnitRecord, UpdateRecord
from .text import suggestion


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def check_units(units: list[UnitRecord], problems: Problems) -> dict[str, UnitRecord]:
    by_id: dict[str, UnitRecord] = {}
    for unit in units:
        if unit.id in by_id:
            problems.error(
                unit.path,
                unit.line,
                f"Mã đơn vị “{unit.id}” trùng với đơn vị ở dòng {by_id[unit.id].line}.",
                "Đổi mã một trong hai đơn vị (mã phải khác nhau).",
            )
            continue
        if unit.name:
            by_id[unit.id] = unit
    for unit in by_id.values():
        if unit.parent and unit.parent not in by_id:
            problems.error(
                unit.path,
                unit.lines.get("parent", unit.line),
                f"Đơn vị cấp trên “{unit.parent}” không có trong units.yml.",
                suggestion(unit.parent, by_id) or "Dùng mã một đơn vị đã khai báo, hoặc bỏ dòng parent.",
            )
    for unit in by_id.values():  # a parent chain must end
        seen = {unit.id}
        cur = unit
        while cur.parent and cur.parent in by_id:
            if cur.parent in seen:
                problems.error(
                    unit.path,
                    unit.lines.get("parent", unit.line),
                    f"Đơn vị “{unit.id}” nằm trong vòng lặp cấp trên.",
                    "Sửa dòng parent để không đơn vị nào là cấp trên của chính nó.",
                )
                break
            seen.add(cur.parent)
            cur = by_id[cur.parent]
    return by_id


def _unit_ref(
    unit_id: str, units: dict[str, UnitRecord], path: str, line: int, role: str, problems: Problems
) -> None:
    if unit_id and unit_id not in units and not getattr(units, "unreadable", False):
        problems.error(
            path,
            line,
            f"Đơn vị {role} “{unit_id}” không có trong units.yml.",
            suggestion(unit_id, units) or "Thêm đơn vị vào content/units.yml hoặc sửa mã cho đúng.",
        )


def check_notice(notice: NoticeRecord, units: dict[str, UnitRecord], problems: Problems) -> None:
    path = notice.path
    _unit_ref(notice.issuer, units, path, notice.lines.get("issuer", notice.line), "ban hành", problems)
    folder_year = path.split("/")[1] if path.count("/") >= 2 else ""
    if notice.date != date.min and folder_year.isdigit() and int(folder_year) != notice.date.year:
        problems.error(
            path,
            notice.lines.get("date", notice.line),
            f"Ngày ban hành {_fmt(notice.date)} không thuộc năm của thư mục notices/{folder_year}/.",
            f"Sửa ngày cho đúng, hoặc chuyển tệp vào notices/{notice.date.year}/.",
        )
    if notice.publish_on and notice.date != date.min and notice.publish_on < notice.date:
        problems.error(
            path,
            notice.lines.get("publish_on", notice.line),
            f"Ngày công bố {_fmt(notice.publish_on)} trước ngày ban hành {_fmt(notice.date)}.",
            "Bỏ dòng publish_on hoặc đặt ngày từ ngày ban hành trở đi.",
        )
    seen: dict[str, TaskRecord] = {}
    for task in notice.tasks:
        if task.id and task.id in seen:
            problems.error(
                path,
                task.lines.get("id", task.line),
                f"Mã nhiệm vụ “{task.id}” trùng với nhiệm vụ ở dòng {seen[task.id].line}.",
                "Mỗi nhiệm vụ trong một thông báo cần một mã riêng.",
            )
        seen.setdefault(task.id, task)
        if task.lead not in units:  # 10,000 tasks: look the line up only for an error
            _unit_ref(task.lead, units, path, task.lines.get("lead", task.line), "chủ trì", problems)
        support = task.support
        if not support:
            continue
        for unit_id in support:
            if unit_id not in units:
                _unit_ref(unit_id, units, path, task.lines.get("support", task.line), "phối hợp", problems)
        if task.lead and task.lead in support:
            problems.error(
                path,
                task.lines.get("support", task.line),
                f"Đơn vị “{task.lead}” vừa chủ trì vừa phối hợp.",
                "Bỏ đơn vị chủ trì khỏi danh sách support.",
            )
        dup = [u for u, n in Counter(support).items() if n > 1] if len(set(support)) != len(support) else []
        if dup:
            problems.error(
                path,
                task.lines.get("support", task.line),
                f"Đơn vị phối hợp “{dup[0]}” được ghi hai lần.",
                "Mỗi đơn vị chỉ ghi một lần trong support.",
            )


class _UnreadableUnits(dict):  # type: ignore[type-arg]
    """No registry: units.yml is missing or unreadable, and that error is the one to fix."""

    unreadable = True


def check_records(records: ContentRecords, problems: Problems) -> None:
    units = check_units(records.units, problems)
    if not records.units and any(p.path == records.units_path for p in problems.errors):
        # else every issuer, lead and report folder of the site would be reported unknown too
        units = _UnreadableUnits()

    first_path: dict[str, str] = {}
    for notice in records.notices:
        if notice.id in first_path:
            problems.error(
                notice.path,
                0,
                f"Mã thông báo “{notice.id}” trùng với {first_path[notice.id]}.",
                "Mã thông báo là tên tệp và phải khác nhau giữa các năm: đổi tên một trong hai tệp.",
            )
        else:
            first_path[notice.id] = notice.path
        check_notice(notice, units, problems)

    tasks: dict[str, tuple[NoticeRecord, TaskRecord]] = {}
    for notice in records.notices:
        for task in notice.tasks:
            tasks.setdefault(f"{notice.id}/{task.id}", (notice, task))
    broken = _broken_notices(records, problems)

    for report in records.reports:
        path = report.path
        waiting = _waiting_updates(report, broken, problems)
        if report.folder not in units and not isinstance(units, _UnreadableUnits):
            problems.error(
                path,
                0,
                f"Thư mục progress/{report.folder}/ không mang mã đơn vị nào trong units.yml.",
                suggestion(report.folder, units) or "Đặt báo cáo vào thư mục progress/<mã đơn vị>/.",
            )
        if report.by and report.by != report.folder:
            problems.error(
                path,
                report.lines.get("by", 1),
                f"Báo cáo ghi `by: {report.by}` nhưng nằm trong thư mục của đơn vị “{report.folder}”.",
                f"Chuyển tệp vào progress/{report.by}/ hoặc sửa dòng by cho đúng đơn vị báo cáo.",
            )
        for upd in report.updates:
            if id(upd) in waiting:
                continue
            line = upd.lines.get("task", upd.line)
            found = tasks.get(upd.task)
            if upd.task and found is None:
                hint = suggestion(upd.task, tasks)
                if "/" not in upd.task:
                    hint = (
                        hint
                        or "Viết đủ mã: <mã thông báo>/<mã nhiệm vụ>, ví dụ 2026-04-10-ket-luan/sap-nhap-thon."
                    )
                problems.error(
                    path,
                    line,
                    f"Không có nhiệm vụ “{upd.task}”.",
                    hint or "Kiểm tra lại mã thông báo và mã nhiệm vụ.",
                )
                continue
            if found is None:
                continue
            notice, task = found
            if report.by and report.by != task.lead and report.by not in task.support:
                problems.error(
                    path,
                    line,
                    f"Đơn vị “{report.by}” không chủ trì hay phối hợp nhiệm vụ “{upd.task}”.",
                    f"Chỉ đơn vị chủ trì ({task.lead}) hoặc phối hợp báo cáo nhiệm vụ này; kiểm tra lại mã nhiệm vụ.",
                )
            if report.date != date.min and notice.date != date.min and report.date < notice.date:
                problems.error(
                    path,
                    report.lines.get("date", 1),
                    f"Báo cáo ngày {_fmt(report.date)} trước ngày ban hành thông báo ({_fmt(notice.date)}).",
                    "Kiểm tra ngày báo cáo.",
                )
            _check_update(upd, report.path, report.date, notice, task, problems)


def _broken_notices(records: ContentRecords, problems: Problems) -> dict[str, str]:
    """Notice id -> the file of a notice that has an error and no good copy: it is left out of the
    site, so its tasks are unknown to the reports on them, which only wait on that fix."""
    bad = {p.path for p in problems.errors}
    good = {n.id for n in records.notices if n.path not in bad}
    broken: dict[str, str] = {}
    for path in sorted(bad):
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "notices" and parts[2].endswith(".md"):
            notice_id = parts[2][: -len(".md")]
            if notice_id not in good:
                broken.setdefault(notice_id, path)
    return broken


def _waiting_updates(report: ReportRecord, broken: dict[str, str], problems: Problems) -> set[int]:
    """The ids of the report's updates on tasks of a broken notice, with one warning per report file.

    Checked against nothing, each would be "unknown task" with a suggestion pointing at
    another notice's tasks, and a clerk could "fix" the wrong file.
    """
    if not broken:
        return set()
    waiting: list[UpdateRecord] = [u for u in report.updates if u.task.partition("/")[0] in broken]
    if not waiting:
        return set()
    ids = sorted({u.task.partition("/")[0] for u in waiting})
    files = ", ".join(broken[i] for i in ids)
    first = min(u.lines.get("task", u.line) for u in waiting)
    count = f"{len(waiting)} mục" if len(waiting) > 1 else "Một mục"
    problems.warning(
        report.path,
        first,
        f"{count} của báo cáo này nói về nhiệm vụ của thông báo đang có lỗi ({files}): "
        "chưa kiểm tra và chưa cập nhật được cho tới khi thông báo đó được sửa.",
        f"Sửa lỗi ở {files}; không cần sửa báo cáo này.",
    )
    return {id(u) for u in waiting}


def _check_update(
    upd, path: str, report_date: date, notice: NoticeRecord, task: TaskRecord, problems: Problems
) -> None:  # type: ignore[no-untyped-def]
    line = upd.line
    if upd.state == "done":
        if upd.done_on is None and "done_on" not in upd.lines:
            problems.error(
                path,
                line,
                "Nhiệm vụ báo hoàn thành nhưng thiếu ngày hoàn thành.",
                "Thêm `done_on: 2026-04-23`.",
            )
        elif upd.done_on is not None:
            if notice.date != date.min and upd.done_on < notice.date:
                problems.error(
                    path,
                    upd.lines.get("done_on", line),
                    f"Ngày hoàn thành {_fmt(upd.done_on)} trước ngày ban hành thông báo ({_fmt(notice.date)}).",
                    "Kiểm tra ngày hoàn thành.",
                )
            if report_date != date.min and upd.done_on > report_date:
                problems.error(
                    path,
                    upd.lines.get("done_on", line),
                    f"Ngày hoàn thành {_fmt(upd.done_on)} sau ngày của báo cáo ({_fmt(report_date)}).",
                    "Chỉ báo hoàn thành việc đã xong; sửa ngày hoàn thành hoặc ngày báo cáo.",
                )
    elif upd.done_on is not None:
        problems.error(
            path,
            upd.lines.get("done_on", line),
            "Có `done_on` nhưng tình trạng không phải done.",
            "Đổi `state: done` hoặc bỏ dòng done_on.",
        )
    if upd.state == "extended":
        if upd.new_due_raw is None:
            problems.error(
                path, line, "Gia hạn nhưng thiếu hạn mới.", "Thêm `new_due: 15/5/2026` (hạn mới, sau hạn cũ)."
            )
    elif upd.new_due_raw is not None:
        problems.error(
            path,
            upd.lines.get("new_due", line),
            "Có `new_due` nhưng tình trạng không phải extended.",
            "Đổi `state: extended` hoặc bỏ dòng new_due.",
        )
    if upd.new_due_raw is not None and notice.date != date.min:
        try:
            upd.new_due = parse_deadline(upd.new_due_raw, notice.date)
        except DeadlineError as err:
            problems.error(path, upd.lines.get("new_due", line), f"Hạn mới: {err}", err.fix)
        else:
            old = task.due.occurrences[-1].due if task.due and task.due.occurrences else None
            new = upd.new_due.occurrences[-1].due if upd.new_due.occurrences else None
            if task.due and task.due.recurring:
                pass  # an occurrence is moved; checked against that occurrence when applied
            elif new is None:
                problems.error(
                    path,
                    upd.lines.get("new_due", line),
                    "Hạn mới phải là một thời hạn cụ thể.",
                    "Viết một ngày, tháng, quý... sau hạn cũ; nếu thôi làm thì dùng state: cancelled.",
                )
            elif old is not None and new <= old:
                problems.error(
                    path,
                    upd.lines.get("new_due", line),
                    f"Hạn mới {_fmt(new)} không sau hạn cũ {_fmt(old)}.",
                    "Gia hạn phải lùi hạn về sau; kiểm tra lại ngày.",
                )


def drop_invalid(records: ContentRecords, problems: Problems) -> ContentRecords:
    """Keep only notices and reports whose file had no error (units: the valid ones)."""
    bad = {p.path for p in problems.errors}
    units = [] if records.units_path in bad and not records.units else records.units
    seen: set[str] = set()
    kept_units = []
    for unit in units:
        if unit.id and unit.name and unit.id not in seen:
            seen.add(unit.id)
            kept_units.append(unit)
    return replace(
        records,
        units=kept_units,
        notices=[n for n in records.notices if n.path not in bad],
        reports=[r for r in records.reports if r.path not in bad],
    )
