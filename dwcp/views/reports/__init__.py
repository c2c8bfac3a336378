"""Alignment and gap reports: analyses of programme models, presented as named tables.

Every report is a list of tables with typed cells; all views (terminal, JSON, Markdown, CSV,
HTML) render those same tables, so they can never disagree on a figure.
"""
