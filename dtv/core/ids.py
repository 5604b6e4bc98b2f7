"""Numbers that arrive as text (ids in query strings, form lists, V-numbers): ASCII digits only.

`str.isdigit()` and `\\d` accept "²", "١٢" and fullwidth digits, and `int("²")` raises: a 500 from a
query string. Ids are therefore read with these helpers, which accept nothing but 0-9.
"""

import re

# A PostgreSQL bigint has 19 digits; 18 always fit.
ID_MAX_DIGITS = 18

_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def ascii_digits(text, *, min_length=1, max_length=ID_MAX_DIGITS) -> bool:
    """Whether `text` is only ASCII digits, between `min_length` and `max_length` of them."""
    return isinstance(text, str) and min_length <= len(text) <= max_length and _ASCII_DIGITS.fullmatch(text) is not None


def parse_id(text) -> int | None:
    """`text` as a positive id, or None when it is anything but 1-18 ASCII digits (surrounding blanks allowed)."""
    if not isinstance(text, str):
        return None
    text = text.strip(" \t")
    if not ascii_digits(text):
        return None
    number = int(text)
    return number if number > 0 else None


def parse_ids(values, *, limit=1000) -> list[int] | None:
    """Every value as an id, in order without repeats; None when one of them is no id or there are over `limit`."""
    ids, seen = [], set()
    for value in values:
        number = parse_id(value)
        if number is None:
            return None
        if number not in seen:
            seen.add(number)
            ids.append(number)
        if len(ids) > limit:
            return None
    return ids
