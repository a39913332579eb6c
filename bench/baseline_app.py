"""The start-up baseline: a bare typer app that prints a 10-row rich table, nothing else.

With ``--with-libraries`` it also imports numpy, PyYAML and pydantic first: the floor that any
command needing those libraries pays, so the benchmark can show what channelscore adds on top.
"""

from __future__ import annotations

import sys

if "--with-libraries" in sys.argv:
    sys.argv.remove("--with-libraries")
    import numpy  # noqa: F401
    import pydantic  # noqa: F401
    import yaml  # noqa: F401

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def show(profile: str = "retail") -> None:
    """Print a table of ten rows."""
    table = Table(title=f"Baseline for {profile}")
    for column in ("Rank", "Channel", "Score"):
        table.add_column(column)
    for rank in range(1, 11):
        table.add_row(str(rank), f"channel {rank}", f"{3 - rank / 10:.2f}")
    Console().print(table)


if __name__ == "__main__":
    app()
