"""Lint: rules over the model, findings with positions, suppressions, baselines and output formats."""
