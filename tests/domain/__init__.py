"""Tests of the domain layer: the judgements every feature shares."""
