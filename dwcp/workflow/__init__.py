"""Workflow commands that change or compare files: new, fmt, diff and init."""
