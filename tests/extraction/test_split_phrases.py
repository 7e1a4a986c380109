"""Events told with a light verb and its object apart ("شنت … غارات", "أطلقت … صاروخا"), with تمّ + a verbal
noun, and with interceptions in the present tense (issue 11, class 1)."""

import pytest

from marsad.model import Article
from marsad.pipeline import extract_article


def code(text, published="2018-03-06"):
    return extract_article(Article(id="x", text=text, published=published)).events


@pytest.mark.parametrize("text,sub,actor1,where", [
    ("شنت الطائرات الروسية يوم الأحد عشرات الغارات الجوية على مدينة سراقب", "Air/drone strike",
     "Military Forces of Russia", "Saraqib"),
    ("أطلقت قوات النظام 20 صاروخا على بلدة كفرنبل يوم الأحد", "Shelling/artillery/missile attack",
     "Military Forces of Syria", "Kafranbel"),
    ("تصدت الدفاعات الجوية السورية لصواريخ إسرائيلية استهدفت مطار المزة العسكري", "Disrupted weapons use",
     "Military Forces of Syria", "Mezzeh Military Airport"),
    ("Israeli warplanes launched a wave of airstrikes on Masyaf on Sunday", "Air/drone strike",
     "Military Forces of Israel", "Masyaf"),
])
def test_a_light_verb_and_its_object_a_few_words_apart_are_one_trigger(text, sub, actor1, where):
    [e] = code(text)
    assert (e.sub_event_type, e.actor1, e.location) == (sub, actor1, where)


def test_tamma_and_a_verbal_noun_is_a_passive_report():
    [e] = code("تم استهداف مدينة دوما بعشرات الصواريخ يوم الأحد")
    assert (e.event_type, e.location, e.event_date) == ("Explosions/Remote violence", "Duma", "2018-03-04")
    assert e.actor1.startswith("Unidentified")  # the town hit is the target, not the attacker


def test_a_light_verb_without_its_object_is_nothing():
    assert code("أطلقت الحكومة يوم الأحد حملة لتلقيح الأطفال في مدينة دوما") == []


@pytest.mark.parametrize("text,sub,where", [
    # FR-middleEast-343-20180422: a withdrawal under a surrender deal, told with an aspect verb
    ("وبدأ مقاتلو المعارضة السبت الانسحاب من جيب كانوا يسيطرون عليه يقع شمال شرقي دمشق في منطقة القلمون الشرقي "
     "بموجب اتفاق استسلام مع النظام.", "Non-violent transfer of territory", "Rural Damascus"),
    ("خرجت الدفعة الأولى من مقاتلي المعارضة من مدينة حرستا يوم الأحد بموجب اتفاق الإجلاء",
     "Non-violent transfer of territory", "Rural Damascus"),
    ("فرضت السلطات حظر تجول في مدينة القامشلي يوم الأحد", "Other", "Al-Hasakeh"),
])
def test_evacuations_under_a_deal_and_curfews_are_strategic_developments(text, sub, where):
    [e] = code(text, "2018-04-22")
    assert (e.event_type, e.sub_event_type, e.admin1) == ("Strategic developments", sub, where)


@pytest.mark.parametrize("text", [
    "قتل 12 مدنيا في غارات جوية سورية وروسية على مدينة سراقب يوم الأحد",
    "Syrian and Russian warplanes struck the town of Saraqib on Sunday killing 12 civilians",
])
def test_two_states_forces_named_together_are_one_event_each_the_toll_divided(text):
    events = code(text)
    assert sorted(e.actor1 for e in events) == ["Military Forces of Russia", "Military Forces of Syria"]
    assert [e.fatalities for e in events] == [6, 6] and all("toll_divided" in e.flags for e in events)


def test_a_joint_operation_is_one_event():
    [e] = code("قتل 12 مدنيا في غارات جوية مشتركة سورية وروسية على مدينة سراقب يوم الأحد")
    assert e.fatalities == 12 and {e.actor1, e.assoc_actor_1} == {"Military Forces of Syria",
                                                                  "Military Forces of Russia"}


def test_names_listed_after_a_plural_kind_word_are_one_event_each_known_or_not():
    # SK-middleEast-2691-20180701 (abridged): the villages the gazetteer lacks are coded to the list's
    # governorate, flagged, each its own event; the toll for all of them is divided
    events = code("وتعرضت مدن وبلدات نوى وكحيل والسهوة والمتاعية وأم المياذن يوم السبت لعشرات الغارات الجوية "
                  "ما أدى إلى مقتل 20 مدنيا في محافظة درعا.")
    assert [e.location_text for e in events] == ["نوى", "كحيل", "السهوة", "المتاعية", "أم المياذن"]
    assert events[0].location == "Nawa" and events[0].geo_precision == 1
    assert all(e.admin1 == "Dar'a" and e.geo_precision == 3 and "location_unresolved" in e.flags
               for e in events[1:])
    assert [e.fatalities for e in events] == [4, 4, 4, 4, 4]


def test_an_account_of_the_governorate_is_told_again_by_the_towns_listed_inside_it():
    # the title names the governorate and the toll, the body lists the towns hit: one event per town, the toll
    # theirs to divide, no extra governorate event (ACLED codes a region only when no place inside is named)
    doc = extract_article(Article(id="x", title="مقتل 12 مدنيا في غارات على درعا", published="2018-07-01",
                                  text="وتعرضت بلدات نوى وطفس والمسيفرة السبت لغارات جوية عنيفة."))
    assert [e.location for e in doc.events] == ["Nawa", "Tafas", "Al Musayfirah"]
    assert [e.fatalities for e in doc.events] == [4, 4, 4]


def test_demonstrators_fighting_the_police_are_a_riot_not_a_battle():
    [e] = code("خرجت مظاهرات ليلية حاشدة في العاصمة طهران الخميس واندلعت اشتباكات مع قوات الأمن")
    assert (e.event_type, e.sub_event_type, e.actor1, e.actor2) == (
        "Riots", "Violent demonstration", "Rioters (Iran)", "Police Forces of Iran")


def test_hundreds_killed_with_no_day_of_their_own_are_a_figure_not_the_attacks_toll():
    # SK-middleEast-213-20180310 (abridged): the strikes of Saturday, and the offensive's 976 dead
    doc = extract_article(Article(id="x", published="2018-03-10", text=(
        "كثفت قوات النظام غاراتها على مدينة دوما السبت. وقد أسفر القصف الصاروخي والغارات الجوية على مناطق الغوطة "
        "الشرقية عن مقتل 976 شخصا، حسب ما ذكر المرصد السوري لحقوق الإنسان.")))
    assert not [e for e in doc.events if e.fatalities == 976]
    assert [(f.kind, f.value) for f in doc.figures] == [("fatalities", 976)]


def test_managed_to_take_control_is_a_capture():
    # FR-middleEast-734-20180705: "تمكنت قوات النظام الخميس بحسب المرصد من السيطرة للمرة الأولى منذ أكثر من ثلاثة
    # أعوام على نقطة على الحدود السورية الأردنية جنوب مدينة بصرى الشام"
    [e] = code("تمكنت قوات النظام الخميس من السيطرة على نقطة على الحدود السورية الأردنية جنوب مدينة بصرى الشام.")
    assert (e.sub_event_type, e.actor1) == ("Government regains territory", "Military Forces of Syria")


def test_places_named_after_namely_are_each_an_event():
    # FR-internationalNews-24-20180218: "أطلقت قوات النظام مساء الأحد أكثر من 260 صاروخا استهدفت بلدات ومدنا في
    # الغوطة هي مسرابا وجسرين وكفربطنا وحمورية وسقبا ودوما": six places after "هي" (namely), eight words between
    # the light verb and its rockets
    doc = code("ووفقا للمرصد، أطلقت قوات النظام مساء الأحد أكثر من 260 صاروخا استهدفت بلدات ومدنا في الغوطة هي "
               "مسرابا وجسرين وكفربطنا وحمورية وسقبا ودوما، ما أدى إلى مقتل شخصين.", published="2018-02-18")
    assert len(doc) == 6 and all("listed_place" in e.flags for e in doc)
    assert {e.actor1 for e in doc} == {"Military Forces of Syria"}
    assert sum(e.fatalities for e in doc) == 2


@pytest.mark.parametrize("text", [
    # BB-middleEast-169-20180310: a justification for shelling to come
    "ويقول مراسلون إن وجود هؤلاء في الغوطة الشرقية يعطي مبررا للحكومة السورية كي تواصل قصف المنطقة رغم الهدنة.",
])
def test_what_a_party_would_do_is_not_an_event(text):
    assert code(text, published="2018-02-24") == []


@pytest.mark.parametrize("text,lang", [
    ("سقطت قذيفتا هاون على حي المزة في دمشق يوم الأحد دون وقوع إصابات.", "ar"),
    ("Two mortar shells hit the Mezzeh district of Damascus on Sunday causing no casualties.", "en"),
])
def test_no_casualties_is_zero_not_unknown(text, lang):
    [e] = extract_article(Article(id="x", text=text, published="2018-03-06", language=lang)).events
    assert e.fatalities == 0


def test_no_casualties_of_the_event_answered_is_not_this_one_s():
    # SK-middleEast-1562-20180510: the raids came "في أعقاب إطلاق فيلق القدس الإيراني صواريخ … دون وقوع إصابات"
    [e] = code("شنت مقاتلات إسرائيلية غارات على الكسوة ليل الأربعاء في أعقاب إطلاق صواريخ على الجولان دون وقوع "
               "إصابات.", published="2018-05-10")
    assert e.fatalities is None
