"""Geocoding to the village (issue 12): OCHA's communities and other countries' Who's On First imported and joined
to the places already held, transliteration across spellings and scripts, descriptors around a name, and the
governorate or a nearby place choosing among same-name villages."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.resolve.fuzzy import arabic_skeleton, joined, latin_skeleton
from marsad.resolve.gazetteer import Gazetteer, PlaceEntry
from marsad.resolve.geocoder import GeocodeError, geocode, parse
from marsad.resolve.importers import GazetteerImportError, run_import, run_imports
from marsad.resolve.merge import merge
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "gazetteers"
OCHA = SHARED / "syria-communities-ocha" / "ocha_syria_communities.csv"


def same(a: str, b: str) -> bool:
    def key(name):
        return joined(arabic_skeleton(name) if "\u0600" <= name[0] <= "\u06ff" else latin_skeleton(name))
    return key(a) == key(b)


@pytest.mark.parametrize("a,b", [
    ("Khirbet Musa", "Kherbet Musa"), ("Tel Sinan", "Tall Sinan"), ("Jubb al-Aswad", "Jub Al-Aswad"),
    ("Maziuna", "Maziouneh"), ("al-Khalidiya", "Khaldiyeh"), ("Jdeideh", "Judaydah"),
    ("Tawil Elshweikh", "Tawil al-Sheikh"),
    ("Deir Hafer", "Dayr Hafir"), ("Kfar Zita", "Kafr Zita"), ("Ain al-Arab", "Ayn al-Arab"), ("Bu Kamal", "Abu Kamal"),
    ("Abul Thohur", "Abu Dhuhur"), ("Thiban", "Dhiban"),
    ("Khaliliyeh", "الخليلية"), ("Kafr Nabl", "كفرنبل"), ("Kafr Nabl", "كفر نبل"), ("Tuffahiyeh", "التفاحية"),
    ("Khirbet Musa", "خربة موسى"), ("Maarat al-Numan", "معرة النعمان"), ("Jdeideh", "جديدة"), ("Babbila", "ببيلا"),
    ("Syria", "سوريا"), ("Tell Rifaat", "تل رفعت"),
])
def test_spellings_of_one_name_share_a_key(a, b):
    assert same(a, b)


@pytest.mark.parametrize("a,b", [
    ("الخليلية", "الخليل"),  # al-Khaliliyah is not Hebron (al-Khalil): the nisba ending is kept
    ("Khaliliyeh", "Al-Khalil"), ("Kafr Nabl", "Kafr Nasij"), ("Tall Ahmar", "Tall Abyad"), ("Jdeideh", "Jiddah"),
])
def test_different_names_keep_different_keys(a, b):
    assert not same(a, b)


def test_ocha_import_keeps_p_codes_governorates_and_every_name_of_a_row(capsys):
    g = run_import("ocha", FIXTURES / "ocha_small.csv")
    by_id = {e.id: e for e in g.entries_list}
    assert len(g) == 6 and "no coordinates" in capsys.readouterr().err  # the row without a point is skipped
    maz = by_id["ocha:C9002"]
    assert (maz.name, maz.pcode, maz.admin1, maz.admin2, maz.kind) == (
        "Maziouneh", "C9002", "Idleb", "Al Ma'ra", "village")
    assert by_id["ocha:C9004"].name == "Tal Ahmar"  # "(Kisreh)" tells it from another Tal Ahmar; not part of the name
    names = {n for n, i in g.names_list if i == "ocha:C9006"}
    assert {"Ashrafia", "Madlousah"} <= names


def test_ocha_import_reads_hdx_columns_with_arabic_names():
    g = run_import("ocha", FIXTURES / "ocha_hdx_small.csv")
    khal = next(e for e in g.entries_list if e.pcode == "C9003")
    assert khal.name_ar == "الخليلية" and khal.admin1 == "Homs"
    assert g.lookup("الخليلية")[0].pcode == "C9003"


def test_a_file_that_is_not_ochas_names_the_missing_column(tmp_path):
    bad = tmp_path / "villages.csv"
    bad.write_text("name,lat,lon\nX,1,2\n", encoding="utf-8")
    with pytest.raises(GazetteerImportError, match=r"villages.csv: not OCHA's communities \(no column for pcode"):
        run_import("ocha", bad)


def test_a_community_joins_the_place_already_held_and_a_far_namesake_does_not():
    wof = run_import("wof", FIXTURES / "wof_small.csv")
    ocha = run_import("ocha", FIXTURES / "ocha_small.csv")
    full, joined_count = merge(wof, ocha)
    saraqib = full.by_id["wof:9003"]
    assert saraqib.pcode == "C9001" and "ocha:C9001" not in full.by_id  # 0.2 km apart, Saraqeb = Saraqib
    assert ("Saraqeb", "wof:9003") in full.names_list and joined_count == 1
    assert full.by_id["ocha:C9002"].pcode == "C9002"  # no WOF record near: a place of its own
    assert [e.id for e in full.lookup("سراقب")] == ["wof:9003"]


def test_two_neighbouring_records_of_one_name_stay_two_places():
    def entry(i, lat):
        return PlaceEntry(i, "Tal Ahmar", "village", lat, 36.9, "Syria", 760, iso2="SY")
    base = Gazetteer("a", [entry("a:1", 36.50)], [("Tal Ahmar", "a:1")])
    new = Gazetteer("b", [entry("b:1", 36.51), entry("b:2", 36.52)], [("Tal Ahmar", "b:1"), ("Tall Ahmar", "b:2")])
    full, n = merge(base, new)
    assert n == 1 and len(full) == 2


def test_another_countrys_wof_file_joins_its_provinces_and_keeps_its_hierarchy():
    g = run_import("wof", FIXTURES / "wof_lb_small.csv")
    assert g.name == "wof-lb" and g.meta["covers"] == ["LB"]
    qasr = next(e for e in g.entries_list if e.name == "Qasr")
    assert (qasr.country, qasr.iso2, qasr.admin1, qasr.admin2) == ("Lebanon", "LB", "Baalbek-Hermel", "Hermel")
    assert ("بعلبك الهرمل", "province:prov-lb-baalbek-hermel") in g.names_list  # the province marsad knows
    assert any(e.kind == "governorate" and e.name == "Nowhere Region" for e in g.entries_list)
    assert any(e.kind == "district" and e.name == "Hermel" for e in g.entries_list)


def test_several_files_are_one_gazetteer_of_several_countries():
    g = run_imports("wof", [FIXTURES / "wof_small.csv", FIXTURES / "wof_lb_small.csv"])
    assert g.meta["covers"] == ["LB", "SY"] and {e.iso2 for e in g.entries_list} == {"SY", "LB"}


@pytest.mark.parametrize("text,name,hint,modifier,context", [
    ("قرية الخليلية", "الخليلية", "village", None, None),
    ("وبلدة كفرنبل", "كفرنبل", "town", None, None),
    ("the village of Kherbet Musa", "Kherbet Musa", "village", None, None),
    ("Kherbet Musa village", "Kherbet Musa", "village", None, None),
    ("the Bab al-Hawa crossing", "Bab al-Hawa", "border", None, None),
    ("في منطقة الخليلية", "الخليلية", "area", None, None),
    ("شرق سراقب", "سراقب", None, "region_part", None),
    ("near Saraqib", "Saraqib", None, "near", None),
    ("Tal Sinan south of Salamiyah", "Tal Sinan", None, None, "Salamiyah"),
    ("الخليلية شرق حمص", "الخليلية", None, None, "حمص"),
    ("\u202bمعرة النعمان\u202c", "معرة النعمان", None, None, None),
    ("Maziouneh و", "Maziouneh", None, None, None),
    ('"Saraqib,"', "Saraqib", None, None, None),
])
def test_descriptors_and_noise_around_a_name_are_read_and_set_aside(text, name, hint, modifier, context):
    q = parse(text)
    assert (q.name, q.kind_hint, q.modifier, q.context) == (name, hint, modifier, context)


@pytest.fixture(scope="module")
def villages():
    return merge(run_import("wof", FIXTURES / "wof_small.csv"), run_import("ocha", FIXTURES / "ocha_small.csv"))[0]


def test_the_governorate_or_a_place_nearby_chooses_among_same_name_villages(villages):
    _, found = geocode(villages, "Tall Ahmar", admin1="Deir ez-Zor")
    assert found[0].candidate.entry.pcode == "C9004" and "in Deir-ez-Zor, as asked" in found[0].reason
    _, found = geocode(villages, "Tal Ahmar", admin1="حلب")
    assert found[0].candidate.entry.pcode == "C9005"
    _, found = geocode(villages, "Tal Ahmar", near="Saraqib")
    assert found[0].candidate.entry.pcode == "C9005" and "km from Saraqib" in found[0].reason
    with pytest.raises(GeocodeError, match="unknown governorate 'Atlantis'"):
        geocode(villages, "Tal Ahmar", admin1="Atlantis")


def test_arabic_finds_a_village_known_only_by_its_latin_name(villages):
    _, found = geocode(villages, "قرية المزيونة")
    assert found[0].candidate.entry.pcode == "C9002" and found[0].candidate.match == "romanisation"
    _, found = geocode(villages, "بكفرنبل")  # a clitic written onto the name
    assert found[0].candidate.entry.name == "Kafr Nabl"
    _, found = geocode(villages, "شرق سراقب")
    assert found[0].candidate.entry.name == "Saraqib" and found[0].geo_precision == 2


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def test_cli_imports_ocha_over_an_installed_gazetteer_and_geocodes_with_context():
    r = run("gazetteer", "import", "--format", "wof", str(FIXTURES / "wof_small.csv"), "--name", "t-wof")
    assert r.returncode == 0, r.stderr
    r = run("gazetteer", "import", "--format", "ocha", str(FIXTURES / "ocha_small.csv"), "--base", "t-wof",
            "--name", "t-villages")
    assert r.returncode == 0 and "joined to places already held" in r.stdout, r.stdout + r.stderr
    found = json.loads(run("geocode", "Tall Ahmar", "--admin1", "Aleppo", "--json", "--gazetteer", "t-villages").stdout)
    assert found[0]["pcode"] == "C9005" and found[0]["score"] > found[1]["score"] and found[0]["reason"]
    bad = run("geocode", "Tall Ahmar", "--admin1", "Atlantis", "--gazetteer", "t-villages")
    assert bad.returncode == 2 and "unknown governorate 'Atlantis'" in bad.stderr and bad.stderr.count("\n") == 1
    listing = run("gazetteer", "list").stdout
    assert "CC BY-IGO 3.0" in listing and "UN OCHA" in listing  # the attribution OCHA's licence requires


def test_a_bad_file_among_several_is_named_and_the_others_are_imported(tmp_path):
    bad = tmp_path / "not_wof.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    r = run("gazetteer", "import", "--format", "wof", str(FIXTURES / "wof_lb_small.csv"), str(bad), "--name", "t-two")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and str(bad) in r.stderr and "skipped" in r.stderr
    assert "installed t-two" in r.stdout and "t-two" in run("gazetteer", "list").stdout


@pytest.mark.skipif(not OCHA.is_file(), reason="OCHA communities not found (../shared is absent)")
def test_real_ocha_communities_import():
    g = run_import("ocha", OCHA)
    assert len(g) == 7580 and all(e.admin1 and e.admin2 and e.pcode for e in g.entries_list)
    assert {e.admin1 for e in g.entries_list} <= {e.admin1 for e in g.entries_list if e.admin1}
    _, found = geocode(g, "Khaliliyeh", admin1="Homs")
    assert found[0].candidate.entry.admin1 == "Homs"


def _coded(text: str):
    from marsad.model import Article
    from marsad.pipeline import extract_article

    return extract_article(Article(id="t", text=text, published="2014-09-17", language="en")).events


def test_a_skeleton_match_is_sought_only_where_names_are_romanised():
    from marsad.pipeline import default_gazetteer

    g = default_gazetteer()
    assert not g.search("Monitor")  # not Montreal nor Monterrey: their names are not romanisations
    assert g.search("Maaret al-Noman")[0].entry.country == "Syria"


def test_a_province_abroad_is_found_by_another_spelling_and_keeps_its_own_names():
    from marsad.pipeline import default_gazetteer

    g = default_gazetteer()
    assert g.search("Qonduz")[0].entry.id == "province:prov-af-kunduz"  # romanised: Afghanistan
    for name, province in (("Mount Lebanon", "prov-lb-mount-lebanon"), ("جبل لبنان", "prov-lb-mount-lebanon"),
                           ("Niger State", "prov-ng-niger"), ("East Azerbaijan", "prov-ir-east-azerbaijan")):
        assert g.search(name)[0].entry.id == f"province:{province}", name
    # a direction in the province's own country, or a country's very name, stays the country's
    assert all(c.entry.source != "province" or c.match != "exact"
               for n in ("شمال لبنان", "North Lebanon", "عمان") for c in g.search(n))


def test_a_possessive_without_its_apostrophe_is_the_place():
    events = _coded("Two car bombs killed at least 25 people in a government-held neighbourhood of Syrias "
                    "central city of Homs on Wednesday, state news agency SANA reported.")
    assert events and events[0].location == "Homs" and "location_unresolved" not in events[0].flags


def test_a_sources_noun_after_a_kind_word_is_no_place_name():
    events = _coded("Syria air strikes kill dozens in rebel town Monitor AFP Wednesday. On Tuesday 25 people "
                    "were killed in air strikes on Talbisseh in Homs province, the Syrian Observatory said.")
    assert events and all("location_unresolved" not in e.flags for e in events)


def test_a_word_after_a_definite_kind_word_is_no_village_abroad():
    """Yemen has villages called الواقعة ("lying") and Iraq one called علي: with them imported, "المنطقة الواقعة
    بين …" and "على مدينة دوما" still name no unknown place; "بلدة الواقعة" would."""
    from marsad.model import Article
    from marsad.pipeline import default_gazetteer, extract_article
    from marsad.resolve.gazetteer import combine

    base = default_gazetteer()
    yemen = Gazetteer("ye", [PlaceEntry("t:ye1", "Al Waqi'ah", "village", 15.1, 44.2, "Yemen", 887,
                                        name_ar="الواقعة", iso2="YE", source="wof")], [("الواقعة", "t:ye1")])
    g = combine("test", [base, yemen])
    text = "قصفت قوات النظام المنطقة الواقعة بين ريف درعا الشرقي والجزء الغربي من ريف السويداء يوم الأحد."
    events = extract_article(Article(id="t", text=text, published="2018-06-25", language="ar"), g).events
    assert events and all("location_unresolved" not in e.flags for e in events)
    text = "قصفت قوات النظام بلدة الواقعة في ريف درعا الشرقي يوم الأحد."
    events = extract_article(Article(id="t", text=text, published="2018-06-25", language="ar"), g).events
    assert events and "location_unresolved" in events[0].flags and events[0].admin1 == "Dar'a"


def test_a_neighbourhood_of_the_city_is_not_a_village_of_its_name_elsewhere():
    from marsad.model import Article
    from marsad.pipeline import default_gazetteer, extract_article
    from marsad.resolve.gazetteer import combine

    village = Gazetteer("ocha", [PlaceEntry("t:c1", "Hamadaniyeh", "village", 35.93, 36.64, "Syria", 760,
                                            admin1="Idleb", iso2="SY", source="ocha")], [("Hamadaniyeh", "t:c1")])
    g = combine("test", [default_gazetteer(), village])
    text = ("Rebel shelling killed two civilians in the city of Aleppo on Wednesday. One person was injured in "
            "attacks on al-Hamadaniyeh neighborhood, state media said.")
    events = extract_article(Article(id="t", text=text, published="2016-06-01", language="en"), g).events
    assert events and all(e.location != "Hamadaniyeh" for e in events)
    text = "One person was injured in attacks on the village of Hamadaniyeh in Idlib province on Wednesday."
    events = extract_article(Article(id="t", text=text, published="2016-06-01", language="en"), g).events
    assert events and events[0].location == "Hamadaniyeh"


def test_a_near_miss_is_a_consonant_dropped_or_confused_not_another_one():
    from marsad.resolve.fuzzy import near_miss

    key = lambda name: joined(latin_skeleton(name))  # noqa: E731
    assert not near_miss(key("Urum al-Kubra"), key("Abu Maqbara"))
    assert near_miss("zbdnh", "sbdnh") and near_miss("khnshkhn", "khnshkn") and not near_miss("khnshkhn", "khnshrn")


def test_near_a_city_is_near_the_city_not_its_governorates_centroid():
    entries = [PlaceEntry("t:gov", "Homs", "governorate", 34.60, 38.00, "Syria", 760, admin1="Homs", iso2="SY",
                          population=1800000),
               PlaceEntry("t:city", "Homs", "city", 34.73, 36.71, "Syria", 760, admin1="Homs", iso2="SY",
                          population=775000),
               PlaceEntry("t:east", "Khalidiyah", "village", 34.62, 38.05, "Syria", 760, admin1="Homs", iso2="SY"),
               PlaceEntry("t:west", "Khalidiyah", "village", 34.78, 36.70, "Syria", 760, admin1="Homs", iso2="SY")]
    g = Gazetteer("t", entries, [("Homs", "t:gov"), ("Homs", "t:city"), ("Khalidiyah", "t:east"),
                                 ("Khalidiyah", "t:west")])
    _, found = geocode(g, "Khalidiyah", near="Homs")
    assert found[0].candidate.entry.id == "t:west"
