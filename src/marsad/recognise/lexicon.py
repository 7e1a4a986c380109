"""A language's lexicons loaded into one phrase index (kinds: trigger, actor, source, weapon, cue,
casualty, number, date). Each entry's value is its TSV row (a dict), so data columns reach the code
unchanged."""

from __future__ import annotations

from collections import Counter
from functools import cache

from marsad.data import actors, trigger_classes, weapon_classes
from marsad.lang import LexiconError, available_languages, rows
from marsad.recognise.matcher import PhraseIndex
from marsad.text.normalise import normalise

# kind → (file, the column that must be non-empty and is checked against a table, or None)
FILES: dict[str, tuple[str, str | None]] = {
    "trigger": ("triggers.tsv", "class"),
    "actor": ("actors.tsv", "actor"),
    "source": ("sources.tsv", "source"),
    "weapon": ("weapons.tsv", "weapon"),
    "cue": ("cues.tsv", "cue"),
    "casualty": ("casualties.tsv", "role"),
    "number": ("numbers.tsv", "type"),
    "date": ("dates.tsv", "kind"),
    "placekind": ("places.tsv", "kind"),
    "boundary": ("boundaries.tsv", None),
}

CUES = frozenset(
    "negation denial hedge threat plan condition call claim background source_cue period at_least more_than about "
    "up_to parts near region_part place_prep target agent range_start range_end ongoing between past_auxiliary "
    "headquarters relative sponsor locative non_violent descriptor opinion link reaction accusation passive_aux "
    "frame_only joint name_part list_end response no_casualties habitual that during age holder dropped located "
    "verbal fear proposal part_of toll_update toll_earlier".split()
)
CASUALTY_KINDS = frozenset(
    "fatalities injured displaced refugees returned evacuated detained population besieged missing".split()
)


def _allowed(kind: str) -> frozenset[str] | None:
    if kind == "trigger":
        return frozenset(trigger_classes())
    if kind == "weapon":
        return frozenset(weapon_classes())
    if kind == "actor":
        return frozenset(actors())
    if kind == "cue":
        return CUES
    if kind == "casualty":
        return frozenset({"noun", "predicate", "counted", "toll"})
    return None


GAP = "…"  # in a phrase: up to GAP_TOKENS words between its head and its tail ("أطلقت … {weapon}")
GAP_TOKENS = 8
TAIL_KINDS = ("weapon", "trigger")  # a tail written {weapon} or {trigger} is any phrase of that kind


def split_phrase(row: dict[str, str], kind: str) -> tuple[str, str, dict]:
    """A split phrase ("شنت … {trigger}", "أطلق … {weapon}", "intercepted … {weapon}") is indexed by its
    head; the tail travels in the entry and is looked for after the head (recognise.analysis.join_gaps)."""
    head, _, tail = (part.strip() for part in row["phrase"].partition(GAP))
    if not head or not tail:
        raise LexiconError(f"{row['_line']}: a split phrase needs words before and after {GAP}")
    if tail.startswith("{") and tail.strip("{}") not in TAIL_KINDS:
        raise LexiconError(f"{row['_line']}: tail {tail} is not one of {', '.join('{' + k + '}' for k in TAIL_KINDS)}")
    return head, "gap", {**row, "_kind": kind, "_tail": tail}


def check_row(kind: str, row: dict[str, str]) -> None:
    """Raise LexiconError naming the file and line when a row's value is not one the code knows."""
    column = FILES[kind][1]
    if not row.get("phrase"):
        raise LexiconError(f"{row['_line']}: empty phrase")
    if column is None:
        return
    value = row.get(column, "")
    allowed = _allowed(kind)
    if kind == "trigger" and GAP in row["phrase"] and value == "{tail}":
        return  # the class comes from the tail (a weapon's or a trigger's)
    if not value or (allowed is not None and value not in allowed):
        raise LexiconError(f"{row['_line']}: unknown {column} {value!r}")
    if kind == "casualty" and row["role"] != "counted" and row.get("kind") not in CASUALTY_KINDS:
        raise LexiconError(f"{row['_line']}: unknown casualty kind {row.get('kind')!r}")


class Lexicon:
    """All of one language's lexicons, checked and indexed."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.index = PhraseIndex()
        self.sizes: dict[str, int] = {}
        stop = rows(code, "place_stopwords.tsv")
        self.place_stopwords = frozenset(normalise(r["word"]) for r in stop if r.get("needs") in (None, "", "kind"))
        self.place_needs_context = frozenset(normalise(r["word"]) for r in stop if r.get("needs") == "context")
        # "Tall", "Bab", "دير": the first word of many names; alone it is a place only when no name follows
        self.place_generics = frozenset(normalise(r["word"]) for r in stop if r.get("needs") == "alone")
        unknown = {r.get("needs") for r in stop} - {None, "", "kind", "context", "alone"}
        if unknown:
            raise LexiconError(f"{code}/place_stopwords.tsv: unknown needs {sorted(unknown)}")
        # the nouns that end several sources' names (monitor, observatory, activists, agency): ordinary words, never
        # the name of a place ("in rebel town - Monitor", a headline's attribution run into it)
        heads = Counter(r["phrase"].split()[-1] for r in rows(code, "sources.tsv"))
        self.source_nouns = frozenset(normalise(w) for w, n in heads.items() if n >= 2 and w.isascii() and w.isalpha())
        for kind, (name, _column) in FILES.items():
            entries = rows(code, name)
            for row in entries:
                check_row(kind, row)
                if GAP in row["phrase"]:
                    self.index.add(*split_phrase(row, kind))
                else:
                    self.index.add(row["phrase"], kind, row)
            self.sizes[kind] = len(entries)


@cache
def lexicon(code: str) -> Lexicon:
    if code not in available_languages():
        raise LexiconError(f"no language data for {code!r} (installed: {', '.join(available_languages())})")
    return Lexicon(code)
