"""Text helpers: folding, tone placement, slugs, suggestions."""

import unicodedata

import pytest

from noticeboard.content.text import did_you_mean, fold, match_key, slugify, unify_tone_placement


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Bát Tràng", "bat trang"), ("ĐÔNG ANH", "dong anh"), ("hoàn thành", "hoan thanh"), ("Thuỷ", "thuy")],
)
def test_fold(text, expected):
    assert fold(text) == expected
    assert fold(unicodedata.normalize("NFD", text)) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phòng Văn hoá - Xã hội", "phòng văn hóa -  xã hội"),
        ("thuỷ lợi", "thủy lợi"),
        ("Hoà", "Hòa"),
        ("uỷ ban", "ủy ban"),
    ],
)
def test_match_key_treats_tone_placements_alike(a, b):
    assert match_key(a) == match_key(b)


def test_tone_placement_only_at_syllable_end():
    assert unify_tone_placement("kế hoạch hoá") == "kế hoạch hóa"
    assert unify_tone_placement("hoàng") == "hoàng"


def test_slugify_and_suggestions():
    assert slugify("Kết luận của Chủ tịch UBND xã Bát Tràng") == "ket-luan-cua-chu-tich-ubnd-xa-bat-trang"
    assert did_you_mean("van-hoa", ["van-hoa-xa-hoi", "van-phong", "kinh-te"])[0] == "van-hoa-xa-hoi"
