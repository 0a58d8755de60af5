import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from schakel.core.values import (
    parse_agb,
    parse_bsn,
    parse_gemeentecode,
    parse_postcode,
)
from schakel.testing.factories import synthetic_bsn


def _eleven_test(digits: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights))
    return total % 11 == 0 and total > 0


@pytest.mark.parametrize("bsn", ["999993847", "999992077", "555555021", "999990482"])
def test_public_test_bsns_are_valid(bsn):
    assert parse_bsn(bsn) == bsn


def test_eight_digit_bsn_is_padded():
    assert parse_bsn("10000021") == "010000021"
    assert parse_bsn(" 999.99.3847 ") == "999993847"


@pytest.mark.parametrize("bad", ["", "12345678a", "1234567", "0000000000", "000000000", "999993848"])
def test_invalid_bsns_are_refused_with_dutch_message(bad):
    with pytest.raises(ValidationError) as info:
        parse_bsn(bad)
    assert "BSN" in info.value.messages[0]


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_accepts_exactly_the_eleven_test(digits):
    if _eleven_test(digits):
        assert parse_bsn(digits) == digits
    else:
        with pytest.raises(ValidationError):
            parse_bsn(digits)


@given(st.integers(min_value=0, max_value=2**32))
def test_synthetic_bsns_always_pass(seed):
    import random

    assert _eleven_test(synthetic_bsn(random.Random(seed)))


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_agb_is_eight_digits(digits):
    assert parse_agb(digits) == digits


@given(st.text(min_size=0, max_size=12).filter(lambda s: not (s.strip().isdigit() and len(s.strip()) == 8)))
def test_agb_refuses_anything_else(text):
    with pytest.raises(ValidationError):
        parse_agb(text)


@pytest.mark.parametrize(("raw", "code"), [("363", "0363"), ("GM0363", "0363"), ("0014", "0014")])
def test_gemeentecode(raw, code):
    assert parse_gemeentecode(raw) == code


@pytest.mark.parametrize("bad", ["", "12345", "abcd", "0000"])
def test_gemeentecode_refused(bad):
    with pytest.raises(ValidationError):
        parse_gemeentecode(bad)


@given(
    st.integers(1000, 9999),
    st.sampled_from("ABCDEFGHJKLMNPRTUVWXZ"),
    st.sampled_from("ABCDEFGHJKLMNPRTUVWXZ"),
)
def test_postcode_normalised(number, first, second):
    letters = first + second
    if letters in {"SA", "SD", "SS"}:
        return
    assert parse_postcode(f"{number} {letters.lower()}") == f"{number}{letters}"


@pytest.mark.parametrize("bad", ["0123AB", "1234SA", "1234", "ABCDEF", "12345AB"])
def test_postcode_refused(bad):
    with pytest.raises(ValidationError) as info:
        parse_postcode(bad)
    assert "postcode" in info.value.messages[0]
