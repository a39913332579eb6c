"""Entry point for ``python -m channelscore``."""

from channelscore.cli import main

main()
