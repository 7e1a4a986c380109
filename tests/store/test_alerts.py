"""Alerts: a saved filter's Atom feed (read back with feedparser: entries updated, not duplicated) and its signed
webhook, retried and logged, against a real local receiver."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import feedparser
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from marsad.api.app import Settings, create_app
from marsad.cli import app
from marsad.store import Store, alerts

TOKEN = "alert-token"


def test_an_alerts_atom_feed_has_an_entry_per_event_updated_not_duplicated(db):
    with Store(db) as s:
        alerts.add(s, "idlib", {"admin1": ["Idlib"]})
        alerts.add(s, "explosions", {"type": ["Explosions/Remote violence"]})
    api = create_app(Settings(db=db, token=TOKEN))
    with TestClient(api) as c:
        feed = feedparser.parse(c.get("/api/alerts/explosions.atom").content)
        assert not feed.bozo and feed.feed.title == "marsad alert: explosions"
        expected = c.get("/api/events", params={"type": "Explosions/Remote violence"}).json()
        assert len(feed.entries) == expected["total"] > 1
        assert {e.id for e in feed.entries} == {f"urn:marsad:event:{x['event_id']}" for x in expected["items"]}
        idlib = feedparser.parse(c.get("/api/alerts/idlib.atom").content)
        (entry,) = idlib.entries
        event_id = entry.id.rsplit(":", 1)[1]
        r = c.patch(f"/api/events/{event_id}", json={"reviewer": "amal", "changes": {"fatalities": 14}},
                    headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        again = feedparser.parse(c.get("/api/alerts/idlib.atom").content)
        assert [e.id for e in again.entries] == [entry.id]  # the same entry, updated
        assert again.entries[0].updated >= entry.updated and "14 killed" in again.entries[0].title
        assert c.get("/api/alerts/nope.atom").status_code == 404
        assert {a["name"] for a in c.get("/api/alerts").json()} == {"idlib", "explosions"}
    api.state.close()


class _Receiver(BaseHTTPRequestHandler):
    bodies: list[tuple[bytes, str]] = []
    fail_first = True

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).bodies.append((body, self.headers.get("X-Marsad-Signature", "")))
        status = 500 if type(self).fail_first and len(type(self).bodies) == 1 else 200
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_webhook_is_signed_retried_and_logged(db):
    _Receiver.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    try:
        with Store(db) as s:
            alerts.add(s, "hook", {"type": ["Explosions/Remote violence"]}, webhook=url, secret="s3cret")
            (result,) = alerts.deliver(s, sleep=lambda _: None)
            assert result[2] == "delivered (attempt 2)" and result[1] > 1  # a 500 first, then accepted
            body, signed = _Receiver.bodies[-1]
            assert signed == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
            sent = json.loads(body)
            assert sent["alert"] == "hook" and len(sent["events"]) == result[1]
            assert [(d["attempt"], d["status"]) for d in alerts.log(s, "hook")] == [(2, 200), (1, 500)]
            assert alerts.deliver(s, sleep=lambda _: None) == [("hook", 0, "nothing new")]
    finally:
        server.shutdown()


def test_alerts_from_the_cli(db):
    runner = CliRunner()
    r = runner.invoke(app, ["alert", "add", "north", "--filter", "admin1=Idlib", "--filter", "min_fatalities=5",
                            "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["alert", "add", "bad", "--filter", "admin1=Idlibb", "--db", str(db)])
    assert r.exit_code == 2 and "Idleb" in r.output
    r = runner.invoke(app, ["alert", "add", "bad", "--filter", "limit=2", "--db", str(db)])
    assert r.exit_code == 2 and "KEY=VALUE" in r.output
    r = runner.invoke(app, ["alert", "add", "hook", "--webhook", "http://127.0.0.1:9/x", "--db", str(db)])
    assert r.exit_code == 2 and "secret" in r.output
    r = runner.invoke(app, ["alert", "list", "--db", str(db)])
    assert "north: {'admin1': ['Idlib'], 'min_fatalities': 5}" in r.output
    assert runner.invoke(app, ["alert", "remove", "north", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["alert", "remove", "north", "--db", str(db)]).exit_code == 2
