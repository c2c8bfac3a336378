"""Source: programme files read as YAML with the position of every value, then validated into the model."""
