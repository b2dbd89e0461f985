"""Readers (decode to UTF-8, scan delimited text with a line index) and atomic writers."""
