"""Publishable programme documents: model -> public view -> Jinja templates -> files."""
