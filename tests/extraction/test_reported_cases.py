"""The cases a user reported (issue 11), each fixed by a general rule and pinned on the real article of the
ANT corpus (../shared), cited by docno."""

from marsad.model import Article
from marsad.pipeline import extract_article


def code_article(ant, docno):
    row = ant[docno]
    return extract_article(Article(id=docno, title=row["title"], text=row["text"], published=row["pub_time_utc"],
                                   source=row["source"]))


def test_a_word_that_spells_a_far_town_once_a_clitic_is_off_is_not_that_town(ant):
    # "… التي أعلنت عنها بنوك كبرى …": بنوك is "banks", not ب + Nuuk (Greenland); the article is about markets
    doc = code_article(ant, "AL-economy-448-20180415")
    assert not [e for e in doc.events if e.country == "Greenland"]
    assert not [f for f in doc.figures if f.location == "Nuuk"]
