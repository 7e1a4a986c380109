"""HTTP API and dashboard."""
