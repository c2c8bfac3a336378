"""Jinja's code for the package's own templates, written by `make templates` (see
dwcp.views.compiled_templates); generated files, not to be edited."""
