"""Analyses: figures and tables computed from a gathered portfolio (alignment, gaps, portfolio)."""
