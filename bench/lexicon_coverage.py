"""How much of the real corpora's event-bearing sentences the trigger lexicon covers, as marsad sees them.

    python bench/lexicon_coverage.py [--lang ar|en|all] [--uncovered N]

Corpora (under ../shared/data, next to the repository): ANT v2.1 Syria articles (Arabic JSONL: title, text)
and FA-KES (English CSV: article_title, article_content). Title and body are split with marsad's own
`split_sentences`; each sentence's tokens go through the language's full phrase index
(`lexicon(code).index.find`) and `matcher.select`, exactly as the pipeline matches lexicon phrases.

Event-bearing sentences are chosen by two tests that do not read the trigger list:
- "conflict root": a regex of conflict roots on the normalised sentence text (قتل قصف غارة اشتباك تفجير ...;
  kill, shell, bomb, attack, clash ...);
- "number + casualty": a number (a digit token or a number-word match) within 3 tokens of a casualty-word
  match (casualties.tsv: killed, قتلى, civilians, نازحين ...); years, numbers next to a month, "several" and a
  bare "a" are left out. Since casualties.tsv also counts refugees, evacuees and residents, the stricter
  "number + killed/injured" keeps only casualty words of kind fatalities or injured (killed, قتلى, جرحى).
A selected sentence is covered when `select` keeps at least one match of kind "trigger"; the columns also give
the share covered by a strong trigger (triggers.tsv strength) and by a class more specific than kill/injure
(data/trigger_classes.tsv role other than "outcome"). Per root, the same shares; then the commonest word keys
(a token's most stripped key, longer than 2 letters) of the uncovered sentences selected by "conflict root" or
"number + killed/injured" (the "root or killed/injured" line), each with the number of uncovered sentences
holding it, the share of the selected sentences holding it that are uncovered, and a * when the key itself
contains a conflict root: the candidates a linguist may add. Ties are listed alphabetically, so runs are
identical. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpora import ANT, FAKES  # noqa: E402 (bench/ is on sys.path when run as a script)
from marsad.data import trigger_classes
from marsad.model import Sentence
from marsad.recognise.lexicon import lexicon
from marsad.recognise.matcher import Match, select
from marsad.text.normalise import normalise
from marsad.text.sentences import split_sentences

CORPORA: dict[str, Path] = {
    "ar": ANT,
    "en": FAKES,
}
# Conflict roots, matched on normalised text (أ→ا, ة→ه, ى→ي; Latin lower case). Arabic patterns avoid the
# commonest look-alikes: صغار (small) for غار, الفجر (dawn) for فجر, اضراب (labour strike) for ضرب.
ROOTS: dict[str, dict[str, str]] = {
    "ar": {
        "قتل": r"قتل",
        "قصف": r"قصف",
        "غار": r"(?<![صم])غار(?:ه|ات|تا|تي)",
        "اشتب": r"شتب(?:ك|اك)",
        "فجر": r"نفجر|نفجار|تفجير|تفجر|متفجر|يفجر|فجرو|فجرت",
        "سيطر": r"سيطر",
        "اعتقل": r"عتق(?:ل|ال)",
        "هجم": r"هجوم|هجم|هاجم",
        "اصيب": r"اصيب|اصاب|يصاب|مصاب",
        "جرح": r"جرح|جريح",
        "ضرب": r"ضرب",
        "استهدف": r"ستهد(?:ف|اف)",
    },
    "en": {
        "kill": r"\bkill",
        "dead": r"\bdead(?:ly)?\b",
        "died": r"\bdied\b",
        "wound": r"\bwound",
        "injur": r"\binjur",
        "strike": r"strik(?:e|es|ing)\b|\bstruck\b",
        "shell": r"\bshell",
        "bomb": r"bomb",
        "attack": r"\battack",
        "clash": r"\bclash",
        "explo": r"\bexplo[ds]",
        "fight": r"\bfight(?!ers?\b)|\bfought\b",
        "captur": r"captur",
        "seiz": r"\bseiz",
        "arrest": r"\barrest",
    },
}
NEAR = 3  # a number this many tokens or fewer from a casualty word makes a "number + casualty" sentence
YEAR = re.compile(r"(?:19|20)\d\d")
HARM = frozenset({"fatalities", "injured"})  # casualty kinds of "number + killed/injured"
NOT_NUMBERS = frozenset({"none", "article"})  # number-word types that are no count alone (several, a/an)
SELECTIONS = (
    "conflict root", "number + casualty", "number + killed/injured", "root and killed/injured", "root or killed/injured"
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the two selections and the trigger matches say about one sentence."""

    roots: frozenset[str]
    counted: bool  # a number near any casualty word
    harmed: bool  # a number near a word of killed or injured
    trigger: bool
    strong: bool
    specific: bool


@dataclass(slots=True)
class Coverage:
    """Selected sentences and how many of them the triggers cover."""

    sentences: int = 0
    trigger: int = 0
    strong: int = 0
    specific: int = 0

    def add(self, v: Verdict) -> None:
        self.sentences += 1
        self.trigger += v.trigger
        self.strong += v.strong
        self.specific += v.specific


@dataclass(slots=True)
class Report:
    """All figures of one language."""

    code: str
    articles: int = 0
    sentences: int = 0
    selections: dict[str, Coverage] = field(default_factory=lambda: {s: Coverage() for s in SELECTIONS})
    roots: dict[str, Coverage] = field(default_factory=dict)
    uncovered: Counter[str] = field(default_factory=Counter)
    selected_keys: Counter[str] = field(default_factory=Counter)


def articles(code: str, path: Path) -> Iterator[tuple[str, str]]:
    """(title, body) of each article of a corpus."""
    with path.open(encoding="utf-8", newline="") as fh:
        if code == "ar":
            for line in fh:
                if line.strip():
                    doc = json.loads(line)
                    yield doc.get("title") or "", doc.get("text") or ""
        else:
            csv.field_size_limit(1 << 24)
            for row in csv.DictReader(fh):
                yield row.get("article_title") or "", row.get("article_content") or ""


def sentences(title: str, body: str) -> Iterator[Sentence]:
    yield from split_sentences(title, "title")
    yield from split_sentences(body, "text")


def root_pattern(code: str) -> re.Pattern[str]:
    """One regex whose named groups are the roots (r0, r1 … in ROOTS order)."""
    return re.compile("|".join(f"(?P<r{i}>{p})" for i, p in enumerate(ROOTS[code].values())))


def roots_in(text: str, pattern: re.Pattern[str], names: list[str]) -> frozenset[str]:
    return frozenset(names[int(m.lastgroup[1:])] for m in pattern.finditer(text) if m.lastgroup)


def number_spans(sentence: Sentence, matches: list[Match]) -> list[tuple[int, int]]:
    """Digit tokens and number-word matches, without years, numbers next to a month, "several" and "a"."""
    months = {i for m in matches if m.kind == "date" and m.value.get("kind") == "month" for i in (m.first, m.last)}
    spans = [
        (i, i) for i, t in enumerate(sentence.tokens)
        if t.kind == "num" and not YEAR.fullmatch(t.norm) and not months & {i - 1, i + 1}
    ]
    spans += [(m.first, m.last) for m in matches if m.kind == "number" and m.value.get("type") not in NOT_NUMBERS]
    return spans


def counted(sentence: Sentence, matches: list[Match], kinds: frozenset[str] | None = None) -> bool:
    """A number within NEAR tokens of a casualty-word match (of one of `kinds` when given)."""
    casualties = [
        (m.first, m.last) for m in matches if m.kind == "casualty" and (kinds is None or m.value.get("kind") in kinds)
    ]
    if not casualties:
        return False
    return any(
        max(c0 - n1, n0 - c1) <= NEAR for n0, n1 in number_spans(sentence, matches) for c0, c1 in casualties
    )


def judge(sentence: Sentence, code: str, pattern: re.Pattern[str], names: list[str]) -> Verdict:
    matches = select(lexicon(code).index.find(sentence.tokens))
    triggers = [m.value for m in matches if m.kind == "trigger"]
    classes = trigger_classes()
    return Verdict(
        roots=roots_in(normalise(sentence.text), pattern, names),
        counted=counted(sentence, matches),
        harmed=counted(sentence, matches, HARM),
        trigger=bool(triggers),
        strong=any(t["strength"] == "strong" for t in triggers),
        specific=any(classes[t["class"]].role != "outcome" for t in triggers),
    )


def word_keys(sentence: Sentence) -> set[str]:
    """The most stripped key of each word longer than two letters."""
    return {t.keys[-1] for t in sentence.tokens if t.kind == "word" and len(t.keys[-1]) > 2}


def tally(report: Report, sentence: Sentence, v: Verdict) -> None:
    chosen = {"conflict root": bool(v.roots), "number + casualty": v.counted, "number + killed/injured": v.harmed}
    chosen["root and killed/injured"] = bool(v.roots) and v.harmed
    chosen["root or killed/injured"] = bool(v.roots) or v.harmed
    for name, hit in chosen.items():
        if hit:
            report.selections[name].add(v)
    for root in v.roots:
        report.roots.setdefault(root, Coverage()).add(v)
    if chosen["root or killed/injured"]:
        keys = word_keys(sentence)
        report.selected_keys.update(keys)
        if not v.trigger:
            report.uncovered.update(keys)


def measure(code: str) -> Report:
    pattern, names = root_pattern(code), list(ROOTS[code])
    report = Report(code)
    for title, body in articles(code, CORPORA[code]):
        report.articles += 1
        for sentence in sentences(title, body):
            report.sentences += 1
            tally(report, sentence, judge(sentence, code, pattern, names))
    return report


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def coverage_line(label: str, c: Coverage, total: int | None = None) -> str:
    of_all = f"  {share(c.sentences, total)}" if total else ""
    return (f"  {label:<25}{c.sentences:>9,}{of_all}   {share(c.trigger, c.sentences)}   "
            f"{share(c.strong, c.sentences)}   {share(c.specific, c.sentences)}")


def uncovered_lines(report: Report, n: int) -> list[str]:
    marker = root_pattern(report.code)
    cells = [
        f"{'*' if marker.search(key) else ' '}{key:<15}{count:>5} {share(count, report.selected_keys[key])}"
        for key, count in sorted(report.uncovered.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    ]
    return ["  " + " | ".join(cells[i:i + 4]) for i in range(0, len(cells), 4)]


def show(report: Report, n: int, elapsed: float) -> None:
    lex = lexicon(report.code)
    print(f"== {report.code}: {CORPORA[report.code].name}: {report.articles:,} articles, {report.sentences:,} "
          f"sentences; {lex.sizes['trigger']:,} trigger phrases ({elapsed:.1f} s)")
    print(f"  {'selection':<25}{'sentences':>9}  {'of all':>6}   {'trigger':>6}   {'strong':>6}   {'specific':>6}")
    for name, c in report.selections.items():
        print(coverage_line(name, c, report.sentences))
    print(f"  {'root':<25}{'sentences':>9}   {'trigger':>6}   {'strong':>6}   {'specific':>6}")
    for root in ROOTS[report.code]:
        print(coverage_line(root, report.roots.get(root, Coverage())))
    either = report.selections["root or killed/injured"]
    print(f"  top {n} word keys of the {either.sentences - either.trigger:,} uncovered selected sentences "
          "(uncovered sentences with it, share of selected sentences with it that are uncovered; * conflict root):")
    for line in uncovered_lines(report, n):
        print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=["ar", "en", "all"], default="all")
    ap.add_argument("--uncovered", type=int, default=40, metavar="N", help="uncovered word keys to list")
    args = ap.parse_args()
    codes = ["ar", "en"] if args.lang == "all" else [args.lang]
    missing = [str(CORPORA[c]) for c in codes if not CORPORA[c].is_file()]
    if missing:
        print(f"corpus not found: {', '.join(missing)} (../shared/data is absent)", file=sys.stderr)
        return 1
    start = time.perf_counter()
    for code in codes:
        t0 = time.perf_counter()
        report = measure(code)
        show(report, args.uncovered, time.perf_counter() - t0)
    print(f"elapsed {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
