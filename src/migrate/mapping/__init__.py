"""Mapping files: their model and loader, the profile of a legacy export and the draft."""
