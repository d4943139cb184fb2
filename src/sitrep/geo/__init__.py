"""Geo stage: gazetteer look-ups, toponym resolution and event location."""
