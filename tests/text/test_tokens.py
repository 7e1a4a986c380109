from marsad.text.tokens import phrase_keys, tokenize


def keys(word):
    return tokenize(word)[0].keys


def test_clitics_are_stripped_into_keys():
    assert "ادلب" in keys("وبإدلب")
    assert "النظام" in keys("للنظام")
    assert "قصف" in keys("قصفها")
    assert "قصف" in keys("والقصف")
    assert "الرقه" in keys("بالرقة")


def test_literal_key_comes_first():
    assert keys("بانياس")[0] == "بانياس"


def test_ta_marbuta_is_not_a_pronoun():
    assert "غار" not in keys("غارة")


def test_future_prefix_is_kept():
    assert "يقصف" not in keys("سيقصف")


def test_offsets_point_into_the_text():
    text = "قُتل ٥ مدنيين، بينهم طفلان."
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
    assert [t.kind for t in tokenize("و15 2018م")] == ["word", "num", "num", "word"]


def test_phrase_keys_ignore_hyphens_and_apostrophes():
    assert phrase_keys("Deir ez-Zor") == ("deir", "ez", "zor")
    assert phrase_keys("Ma'arrat al-Nu'man") == ("maarrat", "al", "numan")
