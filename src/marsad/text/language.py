"""Language identification: script share first (fast and certain for Arabic), py3langid otherwise."""

from __future__ import annotations

from marsad.text.normalise import arabic_share, letter_count

MIN_LETTERS = 12


def identify(text: str) -> str:
    """ISO 639-1 code of the text's language; "und" when there is too little text to tell."""
    sample = text[:800]
    if letter_count(sample) < MIN_LETTERS:
        return "und"
    if arabic_share(sample) > 0.5:
        return "ar"
    import py3langid

    code, _score = py3langid.classify(sample)
    return code
