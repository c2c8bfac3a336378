"""`python -m dwcp` runs the command line."""

from dwcp.cli import main

main()
