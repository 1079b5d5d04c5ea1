"""The editors' JSON schemas (the yaml-language-server line of the guide points at them) list exactly
the keys the loader accepts: a key the loader knows and the schema lacks is flagged in every editor
that checks the schema (``additionalProperties: false``), and one the schema offers the loader refuses."""

import json
from pathlib import Path

import pytest

from noticeboard.content import load

SCHEMA_DIR = Path(load.__file__).resolve().parents[1] / "schema"


def _props(schema_name: str, *path: str) -> set[str]:
    node = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    assert node.get("additionalProperties") is False
    return set(node["properties"])


@pytest.mark.parametrize(
    ("schema_name", "path", "keys"),
    [
        ("notice.schema.json", (), load.NOTICE_KEYS),
        ("notice.schema.json", ("properties", "signer"), load.SIGNER_KEYS),
        ("notice.schema.json", ("properties", "tasks", "items"), load.TASK_KEYS),
        ("report.schema.json", (), load.REPORT_KEYS),
        ("report.schema.json", ("properties", "updates", "items"), load.UPDATE_KEYS),
        ("units.schema.json", ("properties", "units", "items"), load.UNIT_KEYS),
    ],
)
def test_schema_lists_the_loaders_keys(schema_name, path, keys):
    assert _props(schema_name, *path) == set(keys)


def test_attachments_validate_in_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA_DIR / "notice.schema.json").read_text(encoding="utf-8"))
    notice = {"kind": "thong-bao", "issuer": "ubnd-xa", "date": "2026-04-10", "title": "Thử"}
    for ok in (["2026-04-10-ban-ky.pdf"], "2026-04-10-ban-ky.pdf"):
        jsonschema.validate({**notice, "attachments": ok}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**notice, "attachments": ["../units.yml"]}, schema)
