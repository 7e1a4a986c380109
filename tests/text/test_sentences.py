from marsad.text.sentences import split_sentences


def test_offsets_and_abbreviations():
    text = "The U.S. said 5 died. Gen. Smith denied it! \"Really?\" he asked.\nقتل 5 مدنيين. وأصيب 3 آخرون؟ نعم"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. said 5 died.", "Gen. Smith denied it!", "\"Really?\" he asked.",
        "قتل 5 مدنيين.", "وأصيب 3 آخرون؟", "نعم",
    ]
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert sentences[3].paragraph == 1


def test_decimal_points_do_not_split():
    assert len(split_sentences("The toll was 1.5 million. Then it rose.")) == 2
