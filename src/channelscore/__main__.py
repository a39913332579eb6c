"""Entry point for ``python -m channelscore``."""

try:
    from channelscore.console import main
except KeyboardInterrupt:  # interrupted while the entry point itself is being imported
    import sys

    sys.stderr.write("interrupted\n")
    raise SystemExit(130) from None

main()
