"""Tests of migrate sample."""
