"""A store of the bundled sample articles, and an API client over it."""

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import Settings, create_app

TOKEN = "test-token-123"


@pytest.fixture
def client(db):
    app = create_app(Settings(db=db, token=TOKEN))
    with TestClient(app) as c:
        yield c
    app.state.close()


def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
