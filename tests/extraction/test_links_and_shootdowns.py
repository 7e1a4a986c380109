"""Links to other stories are not events (issue 11, §6), and a manned aircraft shot down is a battle while an
intercepted missile or drone is Disrupted weapons use (§4). Real articles of the ANT corpus are cited by docno."""

from marsad.model import Article
from marsad.pipeline import extract_article

from .test_reported_cases import code_article


def code(text, title="", published="2018-02-10"):
    return extract_article(Article(id="x", title=title, text=text, published=published))


def test_embedded_headlines_of_other_stories_are_not_events(ant):
    # a story on a street renamed in Ankara; between its paragraphs the site embeds three headlines of other
    # stories, one of them "إسقاط مروحية عسكرية تركية بشمال سوريا"
    doc = code_article(ant, "BB-middleEast-28-20180212")
    assert doc.events == []
    assert any("links or headlines of other stories" in w for w in doc.warnings)


def test_a_read_more_link_is_not_an_event(ant):
    # "للمزيد: ضربات جوية تستهدف مطار التيفور العسكري السوري وواشنطن تنفي تنفيذها" closes a story on reactions
    doc = code_article(ant, "FR-middleEast-235-20180409")
    assert not [e for e in doc.events if "للمزيد" in " ".join(ev.text for ev in e.evidence)]


def test_a_quoted_line_of_the_story_stays_although_it_has_no_full_stop(ant):
    # "وأوضح التلفزيون السوري: الدفاعات الجوية السورية تسقط 13 صاروخا بمنطقة الكسوة في ريف دمشق" is followed by
    # the subheading "ماذا استهدفت الضربات الجوية؟": a reporting verb opens it, so it is the story's prose
    doc = code_article(ant, "FR-internationalNews-724-20180414")
    kiswah = [e for e in doc.events if e.sub_event_type == "Disrupted weapons use" and "الكسوة" in e.location_text]
    assert kiswah


PROSE = ("قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم.\n"
         "وقال ناشطون إن القصف استهدف الأحياء السكنية.\n")


def test_headline_blocks_and_link_labels_are_dropped_but_the_story_is_kept():
    text = PROSE + ("مقتل 3 ضباط شرطة في هجوم مسلح على نقطة تفتيش في الشيشان\n"
                    "الشيشان: مقتل سبعة في تفجيرين انتحاريين\n"
                    "وأضاف الناشطون أن الطيران الحربي حلق فوق المنطقة.\n"
                    "اقرأ أيضا:\n"
                    "غارات على دوما تقتل 20 مدنيا\n")
    doc = code(text)
    assert [e.location for e in doc.events] == ["Kafr Nabl"] or {e.country for e in doc.events} == {"Syria"}
    assert not [e for e in doc.events if e.country == "Russia" or e.fatalities in (3, 7, 20)]


def test_one_short_line_is_a_subheading_and_a_numbered_list_is_the_story():
    text = PROSE + ("تطورات ميدانية\n"
                    "وأضاف الناشطون أن الطيران الحربي حلق فوق المنطقة.\n"
                    "1- مقتل 4 مدنيين في قصف على بلدة معرة النعمان\n"
                    "2- مقتل 3 مدنيين في قصف على بلدة سراقب\n")
    doc = code(text)
    assert not any("other stories" in w for w in doc.warnings)
    assert {4, 3} <= {e.fatalities for e in doc.events}


def test_a_text_without_full_stops_gives_no_headline_signal():
    # FA-KES-like text that lost its punctuation: every line is short and bare, none is a link
    text = ("Warplanes struck Kafr Nabl in Idlib on Friday killing 5 civilians\n"
            "The Syrian Observatory said the raids hit a market\n"
            "Rescue workers pulled bodies from the rubble\n"
            "Residents fled to the fields\n")
    doc = code(text, published="2017-04-08")
    assert [e.fatalities for e in doc.events] == [5]


def test_a_one_word_label_needs_its_colon():
    doc = code("Warplanes struck Kafr Nabl in Idlib on Friday.\nRelated fighting killed 5 rebels in Kafr Nabl on "
               "Friday, the Observatory said.\nRescue workers pulled bodies from the rubble.\n", published="2017-04-08")
    assert 5 in {e.fatalities for e in doc.events}
    doc = code("Warplanes struck Kafr Nabl in Idlib on Friday.\nRelated: Air strikes kill 20 in Douma\n",
               published="2017-04-08")
    assert 20 not in {e.fatalities for e in doc.events}


def test_a_fighter_jet_shot_down_is_a_battle_with_its_air_force(ant):
    # "أسقط الجيش الإسرائيلي الثلاثاء مقاتلة سورية من طراز "سوخوي" باستهدافها بصاروخين "باتريوت" …"
    doc = code_article(ant, "FR-middleEast-828-20180724")
    jets = [e for e in doc.events if e.actor1 == "Military Forces of Israel" and e.actor2 == "Military Forces of Syria"]
    assert jets and all(e.sub_event_type == "Armed clash" for e in jets)


def test_manned_aircraft_shot_down_versus_missiles_and_drones_intercepted():
    jet = code("أسقط الجيش الإسرائيلي الثلاثاء مقاتلة سورية من طراز سوخوي فوق بلدة خان أرنبة في القنيطرة.").events
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in jet] == [
        ("Armed clash", "Military Forces of Israel", "Military Forces of Syria")]
    helicopter = code("Kurdish fighters shot down a Turkish helicopter in Afrin on Saturday.").events
    assert [(e.event_type, e.actor2) for e in helicopter] == [("Battles", "Military Forces of Turkey")]
    missiles = code("أسقطت وحدات الدفاع الجوي السوري يوم السبت صواريخ إسرائيلية فوق مدينة مصياف في ريف حماة.").events
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in missiles] == [
        ("Disrupted weapons use", "Military Forces of Syria", "Military Forces of Israel")]
    drone = code("أسقطت الدفاعات الجوية طائرة مسيرة فوق مطار حميميم في ريف اللاذقية.").events
    assert [e.sub_event_type for e in drone] == ["Disrupted weapons use"]


def test_an_aircraft_of_no_stated_kind_shot_down_is_a_manned_one():
    # SK-middleEast-3086-20180725: "إسقاط الدفاعات الجوية الإسرائيلية طائرة سورية من طراز "سوخوي 27" لدى دخولها
    # المجال الجوي لهضبة الجولان المحتل": a jet (Battles), unless the sentence calls it a drone
    jet = extract_article(Article("t", 'أسقطت الدفاعات الجوية الإسرائيلية الثلاثاء طائرة سورية من طراز "سوخوي 27" لدى '
                                       "دخولها المجال الجوي لهضبة الجولان المحتل.", published="2018-07-25",
                                  language="ar"))
    assert [e.sub_event_type for e in jet.events] == ["Armed clash"]
    drone = extract_article(Article("t", "أسقطت الدفاعات الجوية الإسرائيلية الثلاثاء طائرة بدون طيار لدى دخولها المجال "
                                         "الجوي لهضبة الجولان المحتل.", published="2018-07-25", language="ar"))
    assert [e.sub_event_type for e in drone.events] == ["Disrupted weapons use"]
