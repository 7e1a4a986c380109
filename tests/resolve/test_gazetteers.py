"""Importers, the on-disk store, the registry, transliteration and misspelling lookups, and the CLI."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.resolve.fuzzy import arabic_key, latin_skeleton, weighted_distance
from marsad.resolve.importers import GazetteerImportError, run_import
from marsad.resolve.registry import install, open_gazetteer
from marsad.resolve.store import GazetteerFileError, load, save
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "gazetteers"
WOF_CSV = SHARED / "syria-gazetteer-wof" / "wof_syria_places.csv"
OPENSYRIA = SHARED / "syria-admin-opensyria"


def test_wof_csv_import_attaches_localities_to_ocha_admin_areas():
    g = run_import("wof", FIXTURES / "wof_small.csv")
    by_name = {e.name: e for e in g.entries_list}
    assert set(by_name) == {"Saraqib", "Kafr Nabl", "Abu al-Duhur"}  # not current / deprecated rows skipped
    assert (by_name["Saraqib"].admin1, by_name["Saraqib"].admin2, by_name["Saraqib"].kind) == ("Idleb", "Ariha", "town")
    assert by_name["Saraqib"].geonames_id == 900003
    assert by_name["Kafr Nabl"].admin1 == "Idleb"  # no hierarchy: the nearest district seat decides
    assert ("إدلب", "admin:SY07") in g.names_list  # a WOF region is a new spelling of the OCHA governorate


def test_wof_geojson_import():
    g = run_import("wof", FIXTURES / "wof_small.geojson")
    (saraqib,) = g.entries_list
    assert (saraqib.name, saraqib.admin1, saraqib.geonames_id) == ("Saraqib", "Idleb", 900003)
    assert ("Saraqeb", saraqib.id) in g.names_list


def test_geonames_import_with_alternate_names():
    g = run_import("geonames", FIXTURES / "SY_small.txt", FIXTURES / "alternateNamesV2_small.txt")
    by_id = {e.id: e for e in g.entries_list}
    assert by_id["gn:900020"].kind == "airbase"
    assert by_id["gn:900010"].kind == "city" and by_id["gn:900010"].admin1 == "Idleb"
    assert ("مطار أبو الظهور العسكري", "gn:900020") in g.names_list
    assert not any(n.startswith("http") or n == "Идлиб" for n, _ in g.names_list)


def test_opensyria_import_adds_subdistricts_and_admin_aliases():
    g = run_import("opensyria", FIXTURES / "opensyria")
    (sub,) = g.entries_list
    assert (sub.kind, sub.admin1, sub.admin2) == ("subdistrict", "Idleb", "Ariha")
    assert ("ناحية سراقب", sub.id) in g.names_list and ("محافظة ادلب", "admin:SY07") in g.names_list


def test_bad_import_inputs_name_the_file(tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text((FIXTURES / "wof_small.csv").read_text(encoding="utf-8").replace("wof_id", "identifier", 1),
                   encoding="utf-8")
    with pytest.raises(GazetteerImportError, match=r"places.csv: not a Who's On First CSV \(no column wof_id\)"):
        run_import("wof", bad)
    with pytest.raises(GazetteerImportError, match="SY_small.txt: not Who's On First GeoJSON"):
        run_import("wof", FIXTURES / "SY_small.txt")
    with pytest.raises(GazetteerImportError, match="alternateNamesV2_small.txt:1: not a GeoNames dump line"):
        run_import("geonames", FIXTURES / "alternateNamesV2_small.txt")
    with pytest.raises(GazetteerImportError, match="nowhere: no such file"):
        run_import("opensyria", FIXTURES / "nowhere")
    with pytest.raises(GazetteerImportError, match="unknown format"):
        run_import("osm", FIXTURES / "wof_small.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((FIXTURES / "wof_small.csv").read_bytes() + "Alépo".encode("latin-1"))
    with pytest.raises(GazetteerImportError, match="latin1.csv: not UTF-8"):
        run_import("wof", latin1)
    broken = tmp_path / "os"
    broken.mkdir()
    for name in ("governorates", "districts", "subdistricts"):
        (broken / f"{name}.json").write_text("[{\"id\": 1}]" if name == "districts" else "[]", encoding="utf-8")
    with pytest.raises(GazetteerImportError, match="districts.json: not an OpenSyria list"):
        run_import("opensyria", broken)


def test_a_geonames_line_without_coordinates_is_skipped_with_its_line_number(tmp_path, capsys):
    lines = (FIXTURES / "SY_small.txt").read_text(encoding="utf-8").splitlines()
    cells = lines[0].split("\t")
    cells[4] = "n/a"
    path = tmp_path / "SY.txt"
    path.write_text("\n".join(["\t".join(cells), *lines[1:]]) + "\n", encoding="utf-8")
    g = run_import("geonames", path)
    assert len(g) == len(run_import("geonames", FIXTURES / "SY_small.txt")) - 1
    assert f"{path}:1: coordinates 'n/a'" in capsys.readouterr().err


def test_store_round_trip_and_refusals(tmp_path):
    g = run_import("wof", FIXTURES / "wof_small.csv")
    path = save(g, tmp_path / "x.gaz")
    again = load(path)
    assert again.entries_list == g.entries_list and again.lookup("سراقب")[0].name == "Saraqib"
    (tmp_path / "bad.gaz").write_bytes(b"not a pickle")
    with pytest.raises(GazetteerFileError, match="bad.gaz: not a marsad gazetteer file"):
        load(tmp_path / "bad.gaz")
    import pickle

    payload = pickle.loads(path.read_bytes())
    payload["entries"] = [row[:2] for row in payload["entries"]]
    (tmp_path / "damaged.gaz").write_bytes(pickle.dumps(payload))
    with pytest.raises(GazetteerFileError, match="damaged.gaz: damaged gazetteer file"):
        load(tmp_path / "damaged.gaz")


def test_transliteration_skeletons_and_arabic_misspellings():
    spellings = ("Ma'arrat al-Nu'man", "Maarat al-Numan", "Maaret al-Noman")
    assert len({latin_skeleton(s) for s in spellings}) == 1
    assert latin_skeleton("Deir ez-Zor") == latin_skeleton("Dayr az Zawr") == latin_skeleton("Deir el-Zour")
    assert latin_skeleton("Qamishli") == latin_skeleton("Kamishli")
    assert arabic_key("معرة النعمان") == "معره نعمان"
    assert weighted_distance(arabic_key("صراقب"), arabic_key("سراقب")) == 0.5  # ص/س confused
    assert weighted_distance(arabic_key("سراقيب"), arabic_key("سراقب")) == 0.5  # a long vowel added
    assert weighted_distance(arabic_key("حلب"), arabic_key("درعا")) > 1


def test_search_finds_variants_and_misspellings():
    g = run_import("wof", FIXTURES / "wof_small.csv")
    assert [c.entry.name for c in g.search("سراقب")][:1] == ["Saraqib"]
    assert [(c.entry.name, c.match) for c in g.search("صراقب")][:1] == [("Saraqib", "fuzzy")]
    assert [(c.entry.name, c.match) for c in g.search("Abu al-Zuhur")] == []  # ز for ظ: two letters off in Latin
    assert [(c.entry.name, c.match) for c in g.search("Abou ad-Douhour")][:1] == [("Abu al-Duhur", "transliteration")]


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def test_cli_import_list_use_geocode_extract(tmp_path):
    r = run("gazetteer", "import", "--format", "wof", str(FIXTURES / "wof_small.csv"), "--name", "test-wof")
    assert r.returncode == 0, r.stderr
    assert "installed test-wof: 3 places imported" in r.stdout
    listing = run("gazetteer", "list").stdout
    assert "builtin" in listing and "test-wof" in listing
    found = json.loads(run("geocode", "سراقب", "--json", "--gazetteer", "test-wof").stdout)
    assert found[0]["id"] == "wof:9003" and found[0]["admin1"] == "Idleb"
    assert run("gazetteer", "use", "atlantis").returncode == 2
    article = tmp_path / "a.txt"
    article.write_text("قتل 3 مدنيين في غارة جوية على بلدة كفرنبل يوم الأحد.", encoding="utf-8")
    doc = json.loads(run("extract", str(article), "--published", "2018-03-05", "--gazetteer", "test-wof").stdout)
    (e,) = doc["events"]
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Kafr Nabl", "Idleb", 1)
    bad = run("gazetteer", "import", "--format", "wof", str(FIXTURES / "SY_small.txt"))
    assert bad.returncode == 2 and "SY_small.txt" in bad.stderr and "\n" not in bad.stderr.strip()


def test_real_who_s_on_first_import_and_load():
    if not WOF_CSV.is_file():
        pytest.skip(f"{WOF_CSV} not found (../shared is absent)")
    t = time.perf_counter()
    g = run_import("wof", WOF_CSV)
    full, path = install(g, "test-wof-full")
    took = time.perf_counter() - t
    assert len(g) > 10_000 and took < 120  # "seconds, not minutes" (the figure is in bench/, this is a guard)
    loaded = open_gazetteer(str(path))
    best = loaded.search("معرة النعمان", country="SY")[0].entry
    assert best.admin1 == "Idleb" and abs(best.latitude - 35.65) < 0.05


def test_an_import_keeps_the_press_spellings_of_the_builtin_towns_it_replaces():
    # Installing an import drops the built-in's GeoNames towns of its country; their spellings (GeoNames'
    # "Khan-Sheikhoun") go to the imported record of the same GeoNames id, so that "Khan Sheikhoun" is still
    # the town, and not an unknown name or the one-word village "Khan" of a larger import.
    from marsad.resolve.gazetteer import Gazetteer, PlaceEntry

    town = PlaceEntry(id="wof:1", name="Khan Shaykhun", kind="town", latitude=35.442, longitude=36.651,
                      country="Syria", iso=760, admin1="Idleb", admin2="Al Ma'ra", population=48975,
                      geonames_id=168325, iso2="SY", source="wof")
    village = PlaceEntry(id="wof:2", name="Khan", kind="village", latitude=36.29, longitude=41.10, country="Syria",
                         iso=760, admin1="Al-Hasakeh", iso2="SY", source="wof")
    imported = Gazetteer("wof-sy", [town, village], [("Khan Shaykhun", "wof:1"), ("Khan", "wof:2")],
                         {"covers": ["SY"], "description": "two places"})
    full, _ = install(imported, "test-carried-names")
    assert [e.id for e in full.lookup("Khan Sheikhoun")] == ["wof:1"]
    assert [e.id for e in full.lookup("Khan")] == ["wof:2"]
    assert not any(e.id == "gn:168325" for e in full.entries_list)  # replaced, not kept twice


def test_real_opensyria_import():
    if not OPENSYRIA.is_dir():
        pytest.skip(f"{OPENSYRIA} not found (../shared is absent)")
    g = run_import("opensyria", OPENSYRIA)
    assert len(g) == 272 and all(e.admin1 and e.admin2 for e in g.entries_list)
