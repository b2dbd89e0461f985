"""Converting legacy exports into standard layouts (``migrate convert``)."""
