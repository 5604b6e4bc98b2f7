"""Review 1, finding 6: "²" in an integer parameter gave int()'s ValueError (a 500), because "²".isdigit() is True."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtv.core.ids import ascii_digits, parse_id, parse_ids


class TestParseId:
    @pytest.mark.parametrize(
        "text, number", [("1", 1), ("42", 42), (" 7 ", 7), ("000123", 123), ("9" * 18, 10**18 - 1)]
    )
    def test_reads_ascii_digits(self, text, number):
        assert parse_id(text) == number

    @pytest.mark.parametrize(
        "text", ["²", "١٢", "１２", "-1", "+1", "0", "1.0", "1e3", "", " ", "9" * 19, "12a", None, 12, "٣"]
    )
    def test_anything_else_is_none(self, text):
        assert parse_id(text) is None

    @given(st.text(max_size=25))
    def test_never_raises_and_gives_a_positive_int_or_none(self, text):
        number = parse_id(text)
        assert number is None or (isinstance(number, int) and 0 < number < 10**18)


class TestParseIds:
    def test_reads_a_list_in_order_without_repeats(self):
        assert parse_ids(["3", "1", "3"]) == [3, 1]

    def test_one_bad_value_refuses_the_list(self):
        assert parse_ids(["1", "²"]) is None

    def test_more_than_the_limit_is_refused(self):
        assert parse_ids([str(n) for n in range(1, 12)], limit=10) is None


class TestAsciiDigits:
    def test_a_v_number_of_ten_ascii_digits(self):
        assert ascii_digits("1234567890", min_length=10, max_length=10) is True

    @pytest.mark.parametrize("text", ["١٢٣٤٥٦٧٨٩٠", "１２３４５６７８９０", "123456789", "12345678901"])
    def test_arabic_indic_fullwidth_or_wrong_length_is_no_v_number(self, text):
        assert ascii_digits(text, min_length=10, max_length=10) is False
