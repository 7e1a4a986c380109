"""Bind each number to what it counts: killed, injured, displaced, detained … and to its parts
("بينهم 5 أطفال", "of whom 12 children")."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.recognise.analysis import SentenceAnalysis
from marsad.recognise.matcher import Match
from marsad.recognise.numbers import Quantity

WINDOW = 4  # tokens between a number (or its counted noun) and the word that says what it counts
TOLL_WINDOW = 10  # "حصيلة القتلى منذ بدء الهجوم على الجنوب إلى 149": a running total reaches further
_LINKS = ("من", "of", "the", "عن", "الى", "to", "اكثر", "قرابه")
_FROM = frozenset({"من", "of", "from"})
_MORE = frozenset({"more", "others", "other"})
_LIST_GLUE = frozenset({"و", "and", ",", "،", "a", "an"})  # between the items of a breakdown
# between the items of a list of victims: "and their seven children", "as well as", "مقابل" (against)
_ITEM_GLUE = _LIST_GLUE | {"their", "his", "her", "its", "as", "well", "مقابل", "versus", "plus"}
# between a singular victim and its verb: "a child was killed", "killing a woman"
_AUXILIARIES = frozenset({"a", "an", "was", "were", "is", "has", "had", "been", "have", "reportedly", "also"})


@dataclass(slots=True)
class Statement:
    """"N people killed": a reported human figure in one sentence."""

    kind: str  # fatalities, injured, displaced … or "casualties" when killed and injured are lumped
    value: int | None
    value_max: int | None
    qualifier: str
    approximate: bool
    group: str | None  # civilians, children, fighters …
    first: int
    last: int
    quantity: Quantity | None
    parts: list[tuple[str, int]] = field(default_factory=list)
    victim_actor: str | None = None  # "5 من عناصر قوات النظام": the victims' side
    flags: list[str] = field(default_factory=list)
    # "update": "the toll rose to 40"; "earlier": "the source earlier put the toll at 5"; "running": "the toll of
    # the offensive rose to 162" (a campaign's running total, no account of one event)
    account: str = ""


def _by_position(matches: list[Match]) -> tuple[dict[int, Match], dict[int, Match]]:
    starts, ends = {}, {}
    for m in matches:
        starts.setdefault(m.first, m)
        ends[m.last] = m
    return starts, ends


def find_statements(a: SentenceAnalysis) -> list[Statement]:
    """Every casualty or displacement figure of a sentence, with parts attached to their totals."""
    tokens = a.sentence.tokens
    cas = a.of("casualty")
    if not cas:
        return []
    starts, _ = _by_position(cas)
    predicates = [m for m in cas if m.value["role"] in ("predicate", "toll")]
    actor_starts = {m.first: m for m in a.of("actor")}
    part_cues = {m.last: m for m in a.cues("parts")}
    cue_starts = {m.first: m for m in a.cues("parts")}
    # "14 of the dead were rebels": a part of a toll told elsewhere, saying who the dead were; but "fifteen of the
    # dead came in the barrel bomb strike" gives one attack its own share
    who = {k for m in (*cas, *a.of("actor")) if m.value.get("role", "counted") == "counted"
           for k in range(m.first, m.last + 1)}
    part_of = {m.first for m in a.cues("part_of") if any(k in who for k in range(m.last + 1, m.last + 4))}
    counted_ends = {m.last: m for m in cas if m.value["role"] == "counted"}
    out: list[Statement] = []
    used_nouns: set[int] = set()
    counts_things = {k for kind in ("trigger", "weapon") for m in a.of(kind) for k in range(m.first, m.last + 1)}
    families = _family_phrases(tokens, cas, a.quantities)
    qpos = sorted((q for q in a.quantities if not q.measure
                   and not any(f <= q.first <= last for f, last in families.items())),
                  key=lambda q: q.first)
    numbers = {q.first: (i, q) for i, q in enumerate(qpos)}
    open_parts: Statement | None = None  # a total whose breakdown is being listed ("بينهم 12 جنديا وطفل واحد")
    for idx, q in enumerate(qpos):
        noun_before = counted_ends.get(q.first - 1) or counted_ends.get(q.first - 2)
        if open_parts is not None and noun_before is not None and q.value == 1:
            open_parts.parts.append((noun_before.value.get("group") or "people", 1))  # "وطفل واحد"
            continue
        noun, group, victim, end = _counted(q, tokens, starts, actor_starts)
        end = families.get(end + 1, end)
        if q.last + 1 in part_of or end + 1 in part_of:
            continue  # "14 of the dead were rebels": who some of the dead were, not another account
        if noun is None and end + 1 < len(tokens) and tokens[end + 1].norm in _MORE:
            end += 1  # "and dozens more wounded": the verb after "more" says what the number counts
        after = q.last + 2 if q.last + 1 < len(tokens) and tokens[q.last + 1].norm in _LINKS else q.last + 1
        if noun is None and after in counts_things:
            continue  # "لعشرات الغارات", "dozens of airstrikes": the number counts strikes, not people
        if noun is None and noun_before is not None and q.value == 1:
            noun, group = noun_before, noun_before.value.get("group") or None  # "جندي سوري واحد"? "جندي واحد"
            first_override = noun_before.first
        else:
            first_override = None
        if _looks_like_year(q, tokens) and (noun is None or noun.first > q.last + 1):
            continue  # "(مواليد 1978)", "in 2016": a year, not a count
        if noun is not None:
            used_nouns.add(noun.first)
        first = q.qualifier_first if q.qualifier_first is not None else q.first
        if first_override is not None:
            first = min(first, first_override)
        last = max(end, q.qualifier_last or 0)
        # A breakdown: right after "بينهم"/"including", or a further item joined by "و"/"and".
        cue = part_cues.get(q.first - 1) or part_cues.get(q.first - 2)
        if cue is not None and out and q.value is not None and out[-1].last >= cue.first - 3:
            open_parts = out[-1]
        elif open_parts is not None and (not _joined(tokens, q.first)
                                         or any(open_parts.last < p.first < q.first for p in predicates)):
            open_parts = None  # the list ended, or at a verb: "… were killed and dozens more wounded"
        if cue is not None and open_parts is None:
            continue  # a breakdown of a total we did not read: not a toll of its own
        if open_parts is not None and q.value is not None and (noun is None or noun.value["role"] == "counted"):
            open_parts.parts.append((group or "people", q.value))
            open_parts.last = max(open_parts.last, last)
            continue
        open_parts = None
        kind = noun.value["kind"] if noun is not None and noun.value["role"] in ("noun", "predicate") else None
        flags: list[str] = []
        if kind is None:
            # "18 civilians including five children and two women were killed": the verb after the breakdown
            # says what the total counts
            reach, after = _breakdown_end(tokens, end, cue_starts, starts, numbers, idx)
            kind, mixed = _nearest_predicate(predicates, q, reach, qpos, idx, tokens, next_index=after)
            if kind is None and noun is not None and out and _next_item(tokens, out[-1].last, q.first):
                kind = out[-1].kind  # "killed 5 civilians and 3 fighters": the next victims of the same verb
            if kind is None:
                continue
            if mixed:
                flags.append("killed_and_injured_lumped")
        if q.value is None:
            flags.append("toll_without_number")
        out.append(Statement(kind, q.value, q.value_max, q.qualifier, q.approximate, group, first, last, q,
                             victim_actor=victim, flags=flags))
    # Words that carry their own count: قتيلان (2 killed), جريحان; a singular victim right next to the
    # verb: مقتل طفل, "a child was killed" (1). "refugee agency" or "الدفاع المدني" count nobody.
    for m in cas:
        if m.first in used_nouns or not m.value.get("count") or any(s.first <= m.first <= s.last for s in out):
            continue
        if any(0 < m.first - c.last <= 2 for c in cue_starts.values()):
            continue  # "including a child": a part of a total, not a toll of its own
        before = next((s for s in reversed(out) if s.last < m.first), None)
        if before is not None and m.value["role"] == "counted" and _next_item(tokens, before.last, m.first) \
                and m.last + 1 not in starts:  # ("70 regime and rebel fighters": "rebel" qualifies the fighters)
            # "قتل 15 طفلا وامرأتان", "killed 15 children and a woman": the next victims of the same verb, or
            # the next part of a breakdown ("among them 4 children and a woman")
            if before.parts:
                before.parts.append((m.value.get("group") or "people", int(m.value["count"])))
                before.last = m.last
            else:
                out.append(_count_word(before.kind, m))
            continue
        if any(q.first <= m.first <= q.last + 3 for q in a.quantities):
            continue
        if m.value["role"] == "noun" and m.value["kind"] in ("fatalities", "injured"):
            kind = m.value["kind"]
        elif m.value["role"] == "counted":
            kind, _ = _nearest_predicate(predicates, None, m.last, [], 0, tokens, anchor=m.first, max_gap=1,
                                         singular=True)
        else:
            kind = None
        if kind is None:
            continue
        out.append(_count_word(kind, m))
    _mark_accounts(a, out)
    return out


def _count_word(kind: str, m: Match) -> Statement:
    """The toll a word carries itself: قتيلان (2 killed), "a child" (1)."""
    return Statement(kind, int(m.value["count"]), None, "exact", False, m.value.get("group") or None, m.first, m.last,
                     None)


UPDATE_REACH = 12  # "ارتفعت حصيلة القتلى في الغوطة الشرقية يوم الأربعاء إلى 35": the verb stands well before
EARLIER_REACH = 15  # "وكانت المصادر في البداية قد قالت إن خمسة جنود قد قتلوا"
_TO = frozenset({"to", "الي", "ل", "حتي"})
# a campaign or war (normalised): its running total is no event's toll, its start no event's day (frames.py)
CAMPAIGN_WORDS = frozenset({"عمليه", "العمليه", "حمله", "الحمله", "التصعيد", "الحرب", "النزاع", "offensive",
                            "campaign", "operation", "escalation", "war", "conflict"})


def _mark_accounts(a: SentenceAnalysis, statements: list[Statement]) -> None:
    """An update of the toll ("rose to 40", "ارتفعت الحصيلة إلى 40") replaces the earlier figure; an earlier
    account ("initially said five", "في البداية") yields to a later one (GUIDE 8)."""
    tokens = a.sentence.tokens
    updates, earlier = a.cues("toll_update"), a.cues("toll_earlier")
    for s in statements:
        if s.quantity is None:
            continue
        start = s.quantity.qualifier_first if s.quantity.qualifier_first is not None else s.quantity.first
        update = next((u for u in updates if 0 < start - u.last <= UPDATE_REACH), None)
        if update is not None and start > 0 and tokens[start - 1].norm in _TO:
            # "ارتفعت بذلك حصيلة قتلى العملية العسكرية إلى 162": the running total of a campaign, no account
            campaign = any(t.norm in CAMPAIGN_WORDS for t in tokens[update.last + 1 : start])
            s.account = "running" if campaign else "update"
        elif any(0 < start - c.last <= EARLIER_REACH for c in earlier):
            s.account = "earlier"


def _family_phrases(tokens, cas: list[Match], quantities: list[Quantity]) -> dict[int, int]:
    """"from one family", "of the same family", "من عائلة واحدة": say who the victims were, and count nobody;
    first token -> last token."""
    out: dict[int, int] = {}
    number_at = {q.first: q.last for q in quantities}
    for m in cas:
        if m.value.get("group") != "families":
            continue
        start = next((k for k in range(m.first - 1, max(-1, m.first - 4), -1) if tokens[k].norm in _FROM), None)
        if start is not None:
            out[start] = number_at.get(m.last + 1, m.last)
    return out


def _next_item(tokens, last: int, first: int) -> bool:
    """Is the count at `first` the next item of a list whose previous item ends at `last` ("… civilians and 3
    fighters", "… civilians, 3 fighters", "… طفلا وامرأتان", "… عنصرا مقابل ستة مقاتلين")?"""
    between = tokens[last + 1 : first]
    if not all(t.norm in _ITEM_GLUE for t in between) or len(between) > 3:
        return False
    return bool(between) or tokens[first].norm.startswith("و")


def _breakdown_end(tokens, end: int, cue_starts: dict[int, Match], starts: dict[int, Match],
                   numbers: dict[int, tuple[int, Quantity]], idx: int) -> tuple[int, int]:
    """(last token, index of the next number) of a breakdown right after a total's counted noun ("18 civilians
    including five children and two women"), or of a list of counts ("22 children 6 teachers killed", "5
    civilians and 3 fighters were killed"), or (end, idx + 1) when none follows. `numbers`: the sentence's
    numbers by first token, with their index."""
    cue = cue_starts.get(end + 1)
    if cue is not None:
        k = cue.last + 1
    elif end + 1 in numbers or (end + 2 in numbers and tokens[end + 1].norm in _LIST_GLUE):
        k = end + 1
    else:
        return end, idx + 1
    last, after = end, idx + 1
    while k < len(tokens):
        if k in numbers:
            after, q = numbers[k][0] + 1, numbers[k][1]
            k = last = q.last
        elif k in starts and starts[k].value["role"] == "counted":
            k = last = starts[k].last
        elif tokens[k].norm not in _LIST_GLUE:
            break
        k += 1
    return last, after


def _looks_like_year(q: Quantity, tokens) -> bool:
    text = tokens[q.first].text
    return q.first == q.last and len(text) == 4 and text.isascii() and text.isdigit() and 1900 <= int(text) <= 2100


def _joined(tokens, k: int) -> bool:
    """Is token k the next item of a list ("و5 نساء", "and 3 women", ", 2 men")?"""
    prev = tokens[k - 1].norm if k > 0 else ""
    return prev in ("و", "and", ",") or tokens[k].norm.startswith("و")


def _counted(q: Quantity, tokens, starts: dict[int, Match], actor_starts: dict[int, Match]):
    """(counted noun, group, victims' side, last token) for the words right after a number:
    "14 شخصا", "5 من عناصر قوات النظام", "18 people", "12 killed"."""
    j = q.last + 1
    while j < len(tokens) and tokens[j].norm in _LINKS and j - q.last <= 2:
        j += 1
    noun = starts.get(j) if j - q.last <= 3 else None
    if noun is None and j in actor_starts and actor_starts[j].last + 1 in starts \
            and starts[actor_starts[j].last + 1].value["role"] in ("noun", "counted"):
        noun = starts[actor_starts[j].last + 1]  # "30 regime soldiers": the side, then the counted noun
    if noun is not None and noun.value["role"] == "predicate" and noun.first > q.last + 1:
        noun = None
    group = (noun.value.get("group") or None) if noun is not None else None
    end = noun.last if noun is not None else q.last
    victim = None
    actor = actor_starts.get(j) or actor_starts.get(end + 1) or actor_starts.get(end + 2)
    if actor is not None and (j == actor.first or tokens[actor.first - 1].norm in ("من", "of")):
        victim = actor.value["actor"]
        end = max(end, actor.last)
        group = group or "fighters"
    return noun, group, victim, end


def _nearest_predicate(predicates: list[Match], q: Quantity | None, end: int, qpos: list[Quantity], idx: int,
                       tokens, anchor: int | None = None, max_gap: int = WINDOW, next_index: int | None = None,
                       singular: bool = False) -> tuple[str | None, bool]:
    """The kind of the closest predicate before the number or after its counted noun (before wins a tie;
    auxiliaries after the noun do not count: "and 7 people have been injured"), and whether two predicates of
    different kinds are joined before it ("مقتل وإصابة 20": lumped). For a `singular` victim without a number
    only an auxiliary or article may stand between: "a child was killed", "killing a woman", not "rebel
    shelling kills"."""
    if q is None:
        start = anchor if anchor is not None else end
    else:
        start = q.qualifier_first if q.qualifier_first is not None else q.first
    prev_q_end = qpos[idx - 1].last if q is not None and idx > 0 else -1
    nxt = idx + 1 if next_index is None else next_index
    next_q_start = qpos[nxt].first if q is not None and nxt < len(qpos) else 10**9
    best: tuple[int, int, Match] | None = None  # (gap, 0 before / 1 after, predicate)
    for p in predicates:
        if prev_q_end < p.last < start:
            candidate = (start - p.last - 1, 0, p)
        elif end < p.first < next_q_start:
            candidate = (sum(1 for k in range(end + 1, p.first) if tokens[k].norm not in _AUXILIARIES), 1, p)
        else:
            continue
        reach = TOLL_WINDOW if p.value["role"] == "toll" and candidate[1] == 0 and not singular else max_gap
        if singular and candidate[0]:
            gap = range(p.last + 1, start) if candidate[1] == 0 else range(end + 1, p.first)
            if not all(tokens[k].norm in _AUXILIARIES for k in gap):
                continue
        if candidate[0] <= reach and (best is None or candidate[:2] < best[:2]):
            best = candidate
    if best is None:
        return None, False
    gap, side, p = best
    own_numbers = {q.last for q in qpos} | {q.last + 1 for q in qpos}
    if side == 0 and any(o is not p and o.value["kind"] != p.value["kind"] and 0 < p.first - o.last <= 2
                         and o.first - 1 not in own_numbers for o in predicates):
        return "casualties", True  # "مقتل وإصابة 20": one number for the killed and the injured together
    if side == 1 and any(o is not p and o.value["kind"] != p.value["kind"] and 0 < o.first - p.last <= 2
                         and o.first - 1 not in own_numbers and not o.last < next_q_start <= o.last + 2
                         for o in predicates):
        return "casualties", True  # "20 people were killed and wounded", "20 شخصا قتلوا وأصيبوا"
    return p.value["kind"], False
