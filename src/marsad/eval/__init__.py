"""Scorers for hand-made gold sets (geocoding now; events with `marsad eval`)."""
