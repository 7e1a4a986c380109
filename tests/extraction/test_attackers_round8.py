"""Attackers named together (issue 11, round 8): an adjective that shares a name's noun, and two nisbas whose
comma was lost; each on the real sentence, cited by docno, with its counter-case."""

from marsad.model import Article
from marsad.pipeline import extract_article


def attackers(text):
    events = extract_article(Article("t", text, published="2016-04-26", language="en")).events
    return sorted((e.actor1, e.fatalities) for e in events)


def test_an_adjective_joined_to_a_name_shares_its_noun():
    # 1926479104: "airstrikes by the Russian and regime forces": two attackers, the five dead divided
    text = ("Fahd sent a letter of condolence following the death of five rescue workers in airstrikes by the Russian "
            "and regime forces on a center for the group in the town of Al-Atareb on Monday.")
    assert attackers(text) == [("Military Forces of Russia", 2), ("Military Forces of Syria", 3)]


def test_two_nisbas_side_by_side_are_two_attackers():
    # 1924058084: "Syrian Russian air strikes kill 17" (FA-KES lost the comma)
    assert attackers("Syrian Russian air strikes kill 17 in city of Ashara") == [
        ("Military Forces of Russia", 9), ("Military Forces of Syria", 8)]


def test_one_nisba_is_one_attacker():
    assert attackers("Russian air strikes kill 17 in city of Ashara") == [("Military Forces of Russia", 17)]
