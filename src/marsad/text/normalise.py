"""Arabic and Latin letter normalisation for matching: one letter for each family of variants.

Normalisation never changes the text we report; it makes the lookup keys. Offsets stay on the original.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic-Indic (U+0660-0669) and Persian/Urdu (U+06F0-06F9) digits to ASCII.
_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "گ": "ك",
    "ﻻ": "لا", "ﻷ": "لا", "ﻹ": "لا", "ﻵ": "لا",
    "٬": ",", "٫": ".",  # Arabic thousands separator and decimal point
    "،": ",", "؛": ";", "؟": "?",
    "’": "'", "‘": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "`": "'",
}
# Invisible format characters web pages leave in text: zero-width spaces and joiners, direction marks and
# embeddings, word joiners and isolates, the BOM, the Arabic letter mark (a regex character class's contents).
FORMAT_CHARS = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c"
_FORMAT_CODES = [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x206A), 0xFEFF, 0x061C]
# Marks removed entirely: harakat, shadda, sukun, superscript alef, Quranic marks, tatweel, and the format characters.
_DROP = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640, *_FORMAT_CODES]

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LETTERS.items()}
_TABLE.update(_DIGITS)
_TABLE.update({c: None for c in _DROP})


def normalise(text: str) -> str:
    """Unify Arabic letter variants, drop diacritics and tatweel, map all digits to ASCII, lowercase Latin."""
    out = text.translate(_TABLE)
    if not out.isascii():
        if any("\ufb50" <= ch <= "\ufeff" for ch in out):  # presentation forms → letters
            out = unicodedata.normalize("NFKC", out).translate(_TABLE)
        if any(0x7F < ord(ch) < 0x0600 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in out):  # Latin diacritics
            out = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    return out.lower()


def digits_to_ascii(text: str) -> str:
    """Only the digit mapping (keeps length, so offsets stay valid)."""
    return text.translate(_DIGITS)


def is_arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


# letters (any script, marks excluded) and Arabic-script letters, counted by the regex engine in C
_LETTER = re.compile(r"[^\W\d_\u064b-\u065f\u0640\u0670]")
_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff"
                            "\ufe70-\ufefc]")


def letter_count(text: str) -> int:
    return _LETTER.subn("", text)[1]


def arabic_share(text: str) -> float:
    """The share of letters in the text that are Arabic script (0 when there are no letters)."""
    letters = letter_count(text)
    return _ARABIC_LETTER.subn("", text)[1] / letters if letters else 0.0
