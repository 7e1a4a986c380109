import codecs
import json

from marsad.ingest.readers import InputError, decode, read_path

ARABIC = "قتل خمسة مدنيين في قصف على مدينة دوما يوم الأحد بحسب المرصد السوري."


def items(path, **kw):
    return list(read_path(str(path), **kw))


def test_txt_title_is_the_first_line_before_a_blank_line(tmp_path):
    p = tmp_path / "report-1.txt"
    p.write_text("العنوان\n\n" + ARABIC, encoding="utf-8")
    (article,) = items(p)
    assert (article.id, article.title, article.text) == ("report-1", "العنوان", ARABIC)


def test_utf16_and_cp1256_are_read(tmp_path):
    p16 = tmp_path / "u16.txt"
    p16.write_bytes(codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"))
    assert items(p16)[0].text == ARABIC
    p16n = tmp_path / "u16-nobom.txt"
    p16n.write_bytes(ARABIC.encode("utf-16-le"))
    assert items(p16n)[0].text == ARABIC
    p1256 = tmp_path / "win.txt"
    p1256.write_bytes(ARABIC.encode("cp1256"))
    notice, article = items(p1256)
    assert isinstance(notice, InputError) and not notice.error and "Windows-1256" in str(notice)
    assert article.text == ARABIC


def test_bad_inputs_are_one_line_errors_naming_the_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café résumé naïve".encode("latin-1"))
    (e1,) = items(empty)
    (e2,) = items(binary)
    (e3,) = items(big, max_bytes=1000)
    (e4,) = items(latin)
    assert isinstance(e1, InputError) and str(e1) == f"{empty}: empty file"
    assert isinstance(e2, InputError) and "binary file" in str(e2) and str(binary) in str(e2)
    assert isinstance(e3, InputError) and "1,000-byte limit" in str(e3)
    assert isinstance(e4, InputError) and "not UTF-8" in str(e4)
    assert all("\n" not in str(e) for e in (e1, e2, e3, e4))
    (missing,) = items(tmp_path / "nope.txt")
    assert str(missing).endswith("nope.txt: no such file")


def test_malformed_jsonl_line_names_its_line_and_the_rest_goes_on(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "title": "t", "text": ARABIC, "published": "2018-03-05", "outlet_rank": 3},
                        ensure_ascii=False), "{not json", json.dumps({"id": "c"}), json.dumps([1, 2]),
             json.dumps({"docno": "AL-1", "text": ARABIC, "pub_time_utc": "2018-03-02T18:06:21"}, ensure_ascii=False)]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = items(p)
    assert [type(x).__name__ for x in got] == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert str(got[1]).startswith(f"{p}:2: malformed JSON")
    assert str(got[2]) == f"{p}:3: no text field (one of: text, body, content, article_content)"
    assert got[0].extra == {"outlet_rank": 3}
    assert (got[4].id, got[4].published) == ("AL-1", "2018-03-02T18:06:21+00:00")  # pub_time_utc is UTC


def test_html_page(tmp_path):
    p = tmp_path / "page.html"
    body = "<p>" + "Fourteen people were killed in shelling on Douma on Sunday, activists said. " * 3 + "</p>"
    p.write_text(f"<html><head><title>Shelling in Douma</title><meta property='article:published_time' "
                 f"content='2018-02-25T10:00:00Z'></head><body><article><h1>Shelling in Douma</h1>{body}"
                 "</article></body></html>", encoding="utf-8")
    (article,) = items(p)
    assert article.title == "Shelling in Douma"
    assert article.published == "2018-02-25"
    assert article.text.startswith("Fourteen people were killed")


def test_decode_reports_reasons():
    assert decode(b"", "x") == (None, "empty file")
    assert decode("نص".encode(), "x") == ("نص", "utf-8")


def test_hidden_folders_are_skipped(tmp_path):
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (tmp_path / ".git" / "objects" / "ab").write_bytes(b"\x78\x01\x00\x00")
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    assert [a.id for a in items(tmp_path)] == ["a"]


def test_json_file_is_one_record_or_a_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "x", "text": ARABIC}, ensure_ascii=False), encoding="utf-8")
    assert [(a.id, a.text) for a in items(one)] == [("x", ARABIC)]
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": ARABIC}, {"title": "t"}, 3], ensure_ascii=False), encoding="utf-8")
    a, b, c = items(many)
    assert (a.id, b.id) == ("many-1", "many-2")
    assert isinstance(c, InputError) and str(c).startswith(f"{many}[3]: expected a JSON object")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    (e,) = items(bad)
    assert isinstance(e, InputError) and str(e).startswith(f"{bad}: malformed JSON")


def test_stdin_jsonl_with_a_byte_order_mark(monkeypatch):
    import io
    import sys

    data = codecs.BOM_UTF8 + (json.dumps({"id": "a1", "text": ARABIC}, ensure_ascii=False) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [a.id for a in read_path("-")] == ["a1"]
