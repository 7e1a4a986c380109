"""The DuckDB store of articles, reports, figures and linked events."""

from marsad.store.db import Store, StoreError, default_db

__all__ = ["Store", "StoreError", "default_db"]
