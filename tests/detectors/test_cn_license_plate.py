"""CnLicensePlateRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from tests.detectors.helpers import found, scan


@pytest.mark.parametrize("text, expected", [
    # ordinary plates, with and without the middle dot
    ("车牌号云A·12345", ["云A·12345"]),
    ("驾驶云E3Q856号小型轿车", ["云E3Q856"]),
    ("川A 12345", ["川A 12345"]),
    # new-energy plates (6 characters)
    ("新能源车云AD12345", ["云AD12345"]),
    ("云A12345D", ["云A12345D"]),
    # full-width letters and digits, Traditional province character in the text around
    ("車牌：云Ａ・１２３４５", ["云Ａ・１２３４５"]),
    # a trailer plate
    ("云A1234挂", ["云A1234挂"]),
    # text from PDFs: the middle dot comes out as a katakana dot, a bullet or a hyphenation point
    ("号牌：川A・7G2K5", ["川A・7G2K5"]),
    ("号牌：桂C•D56321", ["桂C•D56321"]),
    ("号牌：贵A‧52Y18", ["贵A‧52Y18"]),
])
def test_finds(text, expected):
    assert found(text, "CN_LICENSE_PLATE") == expected


@pytest.mark.parametrize("text", [
    # I and O are not used on plates
    "云I12345", "云AO1234",
    # too few digits to be a plate
    "云ABCDE1",
    # too long, or no province character
    "云A1234567", "A12345",
])
def test_quiet(text):
    assert found(text, "CN_LICENSE_PLATE") == []


def test_masked_is_info():
    text = "车牌云A·1**45"
    hits = [d for d in scan(text) if d.type == "CN_LICENSE_PLATE"]
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [("云A·1**45", "info", True)]


def test_new_energy_plate_with_a_letter_inside():
    assert found("途经事故现场的川A·F86M23小型轿车", "CN_LICENSE_PLATE") == ["川A·F86M23"]
