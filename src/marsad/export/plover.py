"""PLOVER and CAMEO for marsad's ACLED-coded events (docs/PLOVER.md has the table and the reasons).

PLOVER (Open Event Data Alliance, the ontology behind POLECAT) records an event as category, mode and context
("what, how, why") with source and recipient actors; CAMEO's two-digit root codes are what most older event
datasets aggregate to. Each ACLED sub-event type maps to one PLOVER category (with a mode where PLOVER's mode
table names one) and one CAMEO root, or to none where neither has an equivalent.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Equivalent(NamedTuple):
    plover: str | None  # PLOVER event category
    mode: str | None  # PLOVER mode (ASSAULT, PROTEST, COERCE, RETREAT, MOBILIZE mode tables), or None
    context: str | None  # PLOVER context
    cameo: str | None  # CAMEO root code, two digits


CAMEO_ROOTS = {
    "01": "MAKE PUBLIC STATEMENT", "02": "APPEAL", "03": "EXPRESS INTENT TO COOPERATE", "04": "CONSULT",
    "05": "ENGAGE IN DIPLOMATIC COOPERATION", "06": "ENGAGE IN MATERIAL COOPERATION", "07": "PROVIDE AID",
    "08": "YIELD", "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "EXHIBIT FORCE POSTURE", "16": "REDUCE RELATIONS", "17": "COERCE", "18": "ASSAULT",
    "19": "FIGHT", "20": "USE UNCONVENTIONAL MASS VIOLENCE",
}
PLOVER_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                     "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                     "ASSAULT", "FIGHT")
PLOVER_MODES = {
    "ASSAULT": ("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "heavy-weapons"),
    "PROTEST": ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"),
    "COERCE": ("confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "MOBILIZE": ("troops", "weapons", "police"),
}

# ACLED sub-event type -> PLOVER category, mode, context; CAMEO root
MAPPING: dict[str, Equivalent] = {
    # Battles: two-sided organised violence (CAMEO 19 FIGHT: 190 conventional force, 192 occupy territory)
    "Armed clash": Equivalent("FIGHT", None, "military", "19"),
    "Government regains territory": Equivalent("FIGHT", None, "military", "19"),
    "Non-state actor overtakes territory": Equivalent("FIGHT", None, "military", "19"),
    # Explosions/Remote violence
    "Chemical weapon": Equivalent("FIGHT", None, "military", "20"),  # 204 weapons of mass destruction
    "Air/drone strike": Equivalent("FIGHT", None, "military", "19"),  # 195 employ aerial weapons
    "Shelling/artillery/missile attack": Equivalent("FIGHT", None, "military", "19"),  # 194 artillery and tanks
    "Suicide bomb": Equivalent("ASSAULT", "suicide-attack", None, "18"),  # 183 suicide, car or other bombing
    "Remote explosive/landmine/IED": Equivalent("ASSAULT", "explosives", None, "18"),  # 183
    "Grenade": Equivalent("ASSAULT", "explosives", None, "18"),
    # Violence against civilians: one-sided (CAMEO 18 ASSAULT)
    "Sexual violence": Equivalent("ASSAULT", "sexual", None, "18"),  # 182 physically assault (1821 sexually)
    "Attack": Equivalent("ASSAULT", None, None, "18"),  # 180 unconventional violence
    "Abduction/forced disappearance": Equivalent("ASSAULT", "abduct", None, "18"),  # 181 abduct, hijack
    # Protests and riots (CAMEO 14 PROTEST; 145 protest violently, riot)
    "Peaceful protest": Equivalent("PROTEST", "demo", "political", "14"),
    "Protest with intervention": Equivalent("PROTEST", "demo", "political", "14"),
    "Excessive force against protesters": Equivalent("ASSAULT", "beat", "political", "17"),  # 175 violent repression
    "Violent demonstration": Equivalent("PROTEST", "riot", "political", "14"),
    "Mob violence": Equivalent("ASSAULT", "beat", None, "18"),  # 182 physically assault
    # Strategic developments
    "Agreement": Equivalent("SUPPORT", None, "political", "05"),  # sign or finalise an agreement; 057
    "Arrests": Equivalent("COERCE", "arrest", None, "17"),  # 173 arrest, detain
    "Change to group/activity": Equivalent(None, None, None, None),  # no equivalent in either
    "Disrupted weapons use": Equivalent("COERCE", "confiscate", "military", "17"),  # interception, seizure
    "Headquarters or base established": Equivalent("MOBILIZE", "troops", "military", "15"),  # force posture
    "Looting/property destruction": Equivalent("ASSAULT", "destroy", None, "17"),  # 1712 destroy property
    "Non-violent transfer of territory": Equivalent("RETREAT", "withdraw", "military", "08"),  # 087 de-escalate
    "Other": Equivalent(None, None, None, None),
}
TWO_SIDED = frozenset({"Battles"})  # PLOVER: in two-sided violence every participant is a source actor


def equivalent(sub_event_type: str | None) -> Equivalent:
    return MAPPING.get(sub_event_type or "", Equivalent(None, None, None, None))


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    """One event (an Event.to_dict() or a stored linked event) as a PLOVER/POLECAT-style JSON record."""
    eq = equivalent(e.get("sub_event_type"))
    actors = [a for a in (e.get("actor1"), e.get("assoc_actor_1")) if a]
    others = [a for a in (e.get("actor2"), e.get("assoc_actor_2")) if a]
    two_sided = e.get("event_type") in TWO_SIDED
    return {
        "id": e.get("event_id"),
        "date": str(e["event_date"]) if e.get("event_date") else None,
        "event_type": eq.plover,
        "mode": [eq.mode] if eq.mode else [],
        "context": [eq.context] if eq.context else [],
        "source": actors + (others if two_sided else []),
        "recipient": [] if two_sided else others,
        "dead": e.get("fatalities"),
        "injured": e.get("injured"),
        "event_loc": {"name": e.get("location"), "country": e.get("country"), "admin1": e.get("admin1"),
                      "admin2": e.get("admin2"), "lat": e.get("latitude"), "lon": e.get("longitude"),
                      "geonames_id": e.get("geonames_id"), "precision": e.get("geo_precision")},
        "cameo_root": eq.cameo,
        "acled": {"event_type": e.get("event_type"), "sub_event_type": e.get("sub_event_type"),
                  "disorder_type": e.get("disorder_type")},
        "confidence": e.get("confidence"),
        "flags": e.get("flags") or [],
    } | ({"corroboration": e["corroboration"], "independent_reports": e.get("independent_reports")}
         if e.get("corroboration") else {})


def cameo_columns(sub_event_type: str | None) -> dict[str, str]:
    eq = equivalent(sub_event_type)
    return {"cameo_root": eq.cameo or "", "cameo_root_name": CAMEO_ROOTS.get(eq.cameo or "", ""),
            "plover_event_type": eq.plover or ""}
