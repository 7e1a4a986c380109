"""Tolls (issue 11, round 9): a count told twice in one clause, once with its victims named, is one count. On the
real sentence, cited by docno, with its counter-case."""

from marsad.model import Article
from marsad.pipeline import extract_article


def tolls(text):
    return [e.fatalities for e in extract_article(Article("t", text, published="2016-10-24", language="en")).events]


def test_a_count_told_twice_in_one_clause_is_one_count():
    # 1923848285: a headline glued to its lead, "16 dead in heavy bombardment … Sixteen civilians including three
    # children were killed on Monday": 16, not 32
    text = ("16 dead in heavy bombardment on Syrias Idlib Monitor AFP Monday 24 Oct 2016 Sixteen civilians including "
            "three children were killed on Monday in heavy bombardment across rebel-held Idlib province in northwest "
            "Syria a monitoring group said.")
    assert tolls(text) == [16]


def test_different_victims_in_one_clause_add_up():
    assert tolls("Shelling killed 5 civilians and 3 fighters in Douma on Monday.") == [8]
