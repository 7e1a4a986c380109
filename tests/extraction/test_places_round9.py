"""Places and numbers (issue 11, round 9), each on the real sentence, cited by docno, with its counter-case:
a direction before "the city of" says where the city lies; a known name after an unknown capitalised word
and a hyphened article ends a longer name; no country is a misspelling's guess; "five-year" counts nobody."""

from marsad.model import Article
from marsad.pipeline import default_gazetteer, extract_article
from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.text.sentences import split_sentences


def places_in(text, lang="en"):
    [sentence] = split_sentences(text, "text")
    return analyse(sentence, lexicon(lang), default_gazetteer(), None).places


def coded(text, lang="en", title=""):
    return extract_article(Article("t", text, title=title, published="2016-07-02", language=lang)).events


def test_the_northern_city_of_aleppo_is_the_city():
    # 1918398796: "… a reported airstrike at a market … in the northern city of Aleppo on July 1 2016"
    text = ("Syrians inspect the damage following a reported airstrike at a market in the northern city of Aleppo "
            "on July 1 2016.")
    [e] = coded(text)
    assert (e.location, e.geo_precision) == ("Aleppo", 1)


def test_the_northern_countryside_of_hama_is_a_part_of_it():
    # the counter-cases: a direction before a region's kind word, or before neighbourhoods, names a part
    [e] = coded("Russian warplanes struck the northern countryside of Hama on Friday.")
    assert e.geo_precision > 1
    [e] = coded("Regime helicopters dropped barrel bombs on the eastern neighbourhoods of Aleppo on Friday.")
    assert e.geo_precision == 2


def test_a_known_name_ending_an_unknown_one_is_not_that_place():
    # 1918398796, 1926479074: "the opposition-held neighborhood of Tareeq al-Bab in Aleppo" is a quarter of
    # Aleppo: not the town of al-Bab, and "Tareeq" is not a misspelt Turkey
    text = ("At least 16 civilians including women and children were killed Friday during an air raid by the Syrian "
            "regime army on the opposition-held neighborhood of Tareeq al-Bab in Aleppo Syrias largest city "
            "according to a pro-opposition civil defense source on the ground.")
    [e] = coded(text)
    assert (e.location, e.country) == ("Aleppo", "Syria")
    found = {c.name for p in places_in(text) for c in p.candidates}
    assert "Al Bab" not in found and "Turkey" not in found


def test_a_hyphened_name_after_a_preposition_is_the_place():
    # the counter-case: "in al-Bab", "the town of al-Bab", and a list "Manbij al-Bab" keep the town
    [e] = coded("Turkish air strikes killed 8 civilians in al-Bab on Friday.")
    assert e.location == "Al Bab"
    listed = places_in("Turkish jets struck Manbij al-Bab and Jarablus.")
    assert "Al Bab" in {c.name for p in listed for c in p.candidates}


def test_a_five_year_conflict_counts_nobody():
    # 1918398796: "the death toll from the five-year conflict at as high as 470000" gave a toll of 5
    text = ("Regime air strikes killed 16 civilians in Aleppo on Friday. The Syrian Center for Policy Research an NGO "
            "however has put the death toll from the five-year conflict at as high as 470000.")
    assert all(e.fatalities != 5 for e in coded(text))
    # the counter-cases: a range and a plain count
    assert [e.fatalities for e in coded("Regime shelling killed 3-4 civilians in Douma on Friday.")] == [3]


def test_the_city_where_a_leader_abroad_spoke_is_no_place_of_the_event():
    # FR-middleEast-277-20180414: a chemical attack was coded in Lima, where Trudeau spoke
    text = ('شنت الولايات المتحدة ضربات على مواقع في دمشق وحمص فجر السبت. وقال ترودو في ليما حيث يشارك في قمة '
            'الأمريكيتين إنه يدعم قرار الدول الثلاث "اتخاذ اجراءات لإضعاف قدرة النظام (السوري) على شن هجمات '
            'بأسلحة كيميائية على مواطنيه".')
    assert "Lima" not in [e.location for e in coded(text, "ar")]
    # the counter-case: a local source's city is where the event is ("told Reuters from Aleppo")
    text = ("Air strikes killed 13 people on Thursday when warplanes hit rebel-held districts civil defense official "
            "Ibrahim Abu al-Laith told Reuters from Aleppo.")
    assert [e.location for e in coded(text)] == ["Aleppo"]


def test_high_is_no_town():
    # CN-middleEast-617-20180414: "تصدت بكفاءة عالية لصواريخ العدوان": "with high efficiency", not Aley in Lebanon
    text = "وقال الجيش إن منظومات دفاعنا الجوي تصدت بكفاءة عالية لصواريخ العدوان وأسقطت معظمها فجر السبت."
    assert "Aley" not in [e.location for e in coded(text, "ar")]
    assert [e.location for e in coded("وقعت اشتباكات في عالية بجبل لبنان يوم السبت.", "ar")] == ["Aley"]


def test_a_deal_or_a_departure_is_where_the_fighters_leave():
    # CN-middleEast-450-20180401: "خروج إرهابيي جيش الإسلام من دوما … إلى جرابلس": the deal was coded in Jarabulus
    text = ('ولفت تقرير الوكالة إلى أنه تم "التوصل إلى اتفاق يقضي بخروج إرهابيي جيش الإسلام من دوما في الغوطة الشرقية '
            'إلى جرابلس وتسوية أوضاع المتبقين".')
    assert [e.location for e in coded(text, "ar")] == ["Duma"]
    # the counter-case: an attack's place after "to" is its target ("fired rockets from Daraa to Quneitra")
    text = "Rebels fired rockets from the Daraa countryside to Quneitra city on Friday killing two civilians."
    assert [e.location for e in coded(text)] == ["Al Qunaytirah"]


def test_a_suburb_of_the_capital_is_a_place_not_the_government():
    # BB-middleEast-237-20180322: every town within 10 km of Damascus (Harasta, Mezzeh, Yarmouk) was read as
    # "Damascus" the government; "the buses left Harasta" had no place
    text = "وخرجت الحافلات التي تقل مقاتلي المعارضة وعائلاتهم من حرستا باتجاه إدلب الخميس."
    assert [e.location for e in coded(text, "ar")] == ["Harasta"]
    # the counter-case: the capital itself acts ("اتهمت دمشق إسرائيل")
    assert [e.location for e in coded("اتهمت دمشق إسرائيل بقصف مطار المزة العسكري فجر السبت.", "ar")] \
        == ["Mezzeh Military Airport"]
