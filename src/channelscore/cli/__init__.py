"""The typer shell: options, error handling and exit codes, the progress bar, start-up tweaks.

Exit codes: 0 success; 1 the data is invalid or an expectation fails; 2 a usage error.
"""

from channelscore.cli.startup import skip_pydantic_plugins

skip_pydantic_plugins()

from channelscore.cli.commands import app, main  # noqa: E402  (after the start-up tweak)

__all__ = ["app", "main"]
