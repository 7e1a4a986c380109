"""Sentence splitting with offsets: a line break always ends a sentence; . ! ? ؟ … end one unless
the stop belongs to an abbreviation or a number."""

from __future__ import annotations

from functools import cache

from marsad.lang import available_languages, rows
from marsad.model import Sentence, Token
from marsad.text.tokens import tokenize

_FINAL = {".", "!", "?", "؟", "…"}
_CLOSERS = {'"', "'", "»", "”", "’", ")", "]"}
_CLAUSE_BREAKS = {",", "،", ";", "؛", ":"}
# A "sentence" longer than this (a list, a table pasted as one line) is cut at its last comma: no news
# sentence is this long, and the per-sentence rules grow faster than linearly with length.
MAX_SENTENCE_TOKENS = 200


@cache
def _abbreviations() -> frozenset[str]:
    found: set[str] = set()
    for code in available_languages():
        found.update(r["abbreviation"].lower() for r in rows(code, "abbreviations.tsv"))
    return frozenset(found)


def _ends_sentence(tokens: list[Token], i: int, text: str, offset: int) -> bool:
    tok = tokens[i]
    if tok.text not in _FINAL:
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start and prev.kind == "word":
            # "U.S." and "Gen." are abbreviations; "U.S" is two tokens joined by dots.
            j = i - 1
            word = prev.norm
            while (j >= 2 and tokens[j - 1].text == "." and tokens[j - 1].end == tokens[j].start
                   and tokens[j - 2].end == tokens[j - 1].start and tokens[j - 2].kind == "word"):
                word = tokens[j - 2].norm + "." + word
                j -= 2
            if word in _abbreviations() or (len(prev.text) == 1 and prev.text.isupper()):
                return False
    nxt = tok.end - offset
    if nxt >= len(text):
        return True
    if text[nxt] in _FINAL:  # "..." and "?!" end where the run of stops ends
        return False
    if not (text[nxt].isspace() or text[nxt] in _CLOSERS):
        return False
    k = nxt
    while k < len(text) and text[k] in " \t\"'”’»)":  # walk over the gap: never copy the rest of the line
        k += 1
    return not text[k : k + 1].islower()  # "Really?" he asked: one sentence


def split_sentences(text: str, part: str = "text", first_index: int = 0) -> list[Sentence]:
    """Sentences of one part of an article; offsets are into that part."""
    sentences: list[Sentence] = []
    paragraph = 0
    for line_start, line in _lines(text):
        if not line.strip():
            paragraph += 1
            continue
        tokens = tokenize(line, line_start)
        current: list[Token] = []
        i = 0
        while i < len(tokens):
            current.append(tokens[i])
            if tokens[i].text in _FINAL and _ends_sentence(tokens, i, line, line_start):
                while i + 1 < len(tokens) and tokens[i + 1].text in _CLOSERS and tokens[i + 1].start == current[-1].end:
                    i += 1
                    current.append(tokens[i])
                _emit(sentences, text, current, part, first_index, paragraph)
                current = []
            elif len(current) >= MAX_SENTENCE_TOKENS:
                cut = max((k for k, t in enumerate(current) if t.text in _CLAUSE_BREAKS
                           and k >= MAX_SENTENCE_TOKENS // 2), default=len(current) - 1)
                _emit(sentences, text, current[: cut + 1], part, first_index, paragraph)
                current = current[cut + 1:]
            i += 1
        if current:
            _emit(sentences, text, current, part, first_index, paragraph)
        paragraph += 1
    return sentences


def _emit(out: list[Sentence], text: str, tokens: list[Token], part: str, first: int, paragraph: int) -> None:
    start, end = tokens[0].start, tokens[-1].end
    out.append(Sentence(part, start, end, text[start:end], tokens, first + len(out), paragraph))


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line.rstrip("\r\n")
        pos += len(line)
