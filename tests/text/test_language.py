from marsad.text.language import identify


def test_identifies_arabic_english_and_others():
    assert identify("قتل خمسة أشخاص في قصف على مدينة إدلب") == "ar"
    assert identify("Five people were killed in shelling on Idlib city.") == "en"
    assert identify("Cinq personnes ont été tuées dans un bombardement sur la ville.") == "fr"
    assert identify("12 3") == "und"
