"""dwcp: validate, lint, report on and publish Decent Work Country Programmes."""

# Kept as a literal so `dwcp --version` needs no metadata lookup; a test checks it
# matches pyproject.toml.
__version__ = "0.1.0"
