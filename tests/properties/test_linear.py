"""What keeps the work linear in a text's size (bench/scaling.py measures it): blocks and the point index."""

from __future__ import annotations

import random

from marsad.model import Article
from marsad.pipeline import BLOCK_CHARS, _blocks, extract_article
from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.resolve.gazetteer import distance_km
from marsad.resolve.places import PointIndex
from marsad.text.sentences import split_sentences

PARAGRAPH = "قتل 5 مدنيين في غارة جوية على مدينة دوما يوم الأحد. وقال المرصد إن الطائرات قصفت البلدة."


def _analyses(text: str, title: str = ""):
    from marsad.pipeline import default_gazetteer

    lex, gaz = lexicon("ar"), default_gazetteer()
    sentences = split_sentences(title, "title") if title else []
    sentences += split_sentences(text, "text", first_index=len(sentences))
    return [analyse(s, lex, gaz, None) for s in sentences]


def test_a_news_article_is_one_block_and_a_huge_text_many_of_whole_paragraphs():
    assert len(_blocks(_analyses(PARAGRAPH * 20, "عنوان"))) == 1
    big = "\n\n".join([PARAGRAPH] * (3 * BLOCK_CHARS // len(PARAGRAPH)))
    blocks = _blocks(_analyses(big, "مقتل مدنيين في دوما"))
    assert len(blocks) >= 3
    assert blocks[0][0].sentence.part == "title" and all(a.sentence.part == "text" for b in blocks[1:] for a in b)
    for before, after in zip(blocks, blocks[1:], strict=False):  # a paragraph is never cut between blocks
        assert before[-1].sentence.paragraph != after[0].sentence.paragraph
    one_paragraph = " ".join([PARAGRAPH] * (3 * BLOCK_CHARS // len(PARAGRAPH)))
    assert len(_blocks(_analyses(one_paragraph))) >= 2  # a giant paragraph is cut between sentences


def test_a_huge_text_says_it_was_read_in_blocks_and_keeps_its_offsets():
    text = "\n\n".join([PARAGRAPH] * (2 * BLOCK_CHARS // len(PARAGRAPH)))
    coded = extract_article(Article("big", text, published="2018-03-05"))
    assert any("blocks" in w for w in coded.warnings)
    assert coded.events
    for e in coded.events:
        for ev in e.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_the_point_index_finds_what_a_scan_finds():
    rng = random.Random(3)
    index = PointIndex()
    points = [(rng.uniform(30, 40), rng.uniform(34, 44), "Syria") for _ in range(400)]
    points += [(64.1, -21.9, "Iceland"), (64.2, -20.8, "Iceland"), (0.1, 179.9, "Fiji"), (0.1, -179.9, "Fiji")]
    for la, lo, tag in points + points[:50]:  # some twice: held once
        index.add(la, lo, tag)
    assert len(index) == len(points)
    for la, lo in [(35.0, 38.0), (33.51, 36.29), (64.15, -21.4), (0.0, 179.95), (36.9, 43.9)]:
        for km in (15.0, 50.0):
            found = sorted(round(d, 6) for d, _ in index.near(la, lo, km))
            scan = sorted(round(distance_km(la, lo, a, b), 6) for a, b, _ in points if distance_km(la, lo, a, b) < km)
            assert found == scan, (la, lo, km)
