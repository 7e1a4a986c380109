"""A store of the bundled sample articles, and an API client over it."""

import shutil

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import Settings, create_app

TOKEN = "test-token-123"


@pytest.fixture
def db(sample_db, tmp_path):
    """A fresh copy per test: review actions change it."""
    copy = tmp_path / "db.duckdb"
    shutil.copy(sample_db, copy)
    return copy


@pytest.fixture
def client(db):
    app = create_app(Settings(db=db, token=TOKEN))
    with TestClient(app) as c:
        yield c
    app.state.close()


def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
