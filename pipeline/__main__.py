"""`python -m pipeline` runs the jcmkg command line."""

from pipeline.cli import main

main()
