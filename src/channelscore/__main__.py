"""Entry point for ``python -m channelscore``."""

from channelscore.console import main

main()
