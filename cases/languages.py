"""Languages as ISO 639 codes (pycountry), for the person's languages and the interpreter."""

import pycountry


def is_language_code(code) -> bool:
    """An ISO 639-1 (two letters) or 639-3 (three letters) language code."""
    if not code or not code.isalpha():
        return False
    field = "alpha_2" if len(code) == 2 else "alpha_3"
    return len(code) in (2, 3) and pycountry.languages.get(**{field: code.lower()}) is not None
