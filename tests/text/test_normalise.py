from marsad.text.normalise import arabic_share, normalise


def test_letter_variants_are_unified():
    assert normalise("أإآٱا") == "ااااا"
    assert normalise("مستشفى") == normalise("مستشفي")
    assert normalise("غارة") == "غاره"
    assert normalise("مؤسسة") == "موسسه"


def test_diacritics_and_tatweel_are_dropped():
    assert normalise("قُتِلَ") == "قتل"
    assert normalise("غـــارة") == "غاره"
    assert normalise("قتيلاً") == "قتيلا"


def test_persian_letters_and_digits():
    assert normalise("کردی") == "كردي"
    assert normalise("١٢٣") == "123"
    assert normalise("۱۲۳") == "123"


def test_arabic_separators_become_ascii():
    assert normalise("١٬٢٥٠") == "1,250"
    assert normalise("٢٫٥") == "2.5"


def test_latin_is_folded():
    assert normalise("Maʿarrat Ḥalab") == "ma'arrat halab"


def test_arabic_share():
    assert arabic_share("قتل خمسة") == 1.0
    assert arabic_share("Idlib") == 0.0
    assert arabic_share("123") == 0.0
