"""Portfolio: every programme gathered once (loaded, validated, linted) for the commands that read many."""
