"""One event, many accounts (issue 11, round 9): the fighting for a town and its capture on the same day are one
event, the capture (ACLED codes the territory's change, not the battle that brought it); a bomb told as a car bomb
and as a suicide attack in the same town on the same day is one suicide bombing. Only at the very town: a
region's fighting and a town's capture stay two."""

from marsad.model import Article
from marsad.pipeline import extract_article


def coded(text, lang="en"):
    events = extract_article(Article("t", text, published="2016-09-19", language=lang)).events
    return [(e.sub_event_type, e.location) for e in events]


def test_fighting_for_a_town_and_its_capture_are_one_event():
    # as in BB-middleEast-661-20180627, 1965495349: clashes and the capture told in two sentences
    text = ("اندلعت اشتباكات عنيفة بين الجيش ومسلحي النصرة في بلدة مورك يوم الأحد. وسيطر الجيش على بلدة مورك يوم "
            "الأحد بعد الاشتباكات.")
    assert coded(text, "ar") == [("Government regains territory", "Murak")]
    text = ("Fierce clashes broke out between the army and Nusra fighters in Morek on Sunday. The army took control of "
            "Morek on Sunday after the clashes.")
    assert [t for t, _ in coded(text)] == ["Non-state actor overtakes territory"]


def test_a_bomb_told_twice_is_one_suicide_bombing():
    # as in 1924058147 (the Rashidin bus bombing) and BB-middleEast-911-20180902 (Mogadishu)
    text = ("A suicide bomber blew himself up in Jableh on Monday killing 12 people. The car bomb exploded in Jableh "
            "on Monday near the bus station.")
    assert coded(text) == [("Suicide bomb", "Jablah")]


def test_a_regions_fighting_and_a_towns_capture_stay_two():
    text = ("Fierce clashes broke out between the army and Nusra fighters in the northern Hama countryside on Sunday. "
            "The army took control of Morek on Sunday.")
    assert len(coded(text)) == 2
