"""Output formats of `marsad extract`: json, jsonl, acled-csv, geojson."""
