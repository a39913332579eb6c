"""The command line's option types and their help texts, shared by the commands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class Language(StrEnum):
    en = "en"
    fr = "fr"


class ValidateFormat(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


class SchemaKind(StrEnum):
    criteria = "criteria"
    channels = "channels"
    profile = "profile"
    scenario = "scenario"
    sources = "sources"
    workshop = "workshop"


class ListWhat(StrEnum):
    criteria = "criteria"
    channels = "channels"
    profiles = "profiles"
    expectations = "expectations"


def complete_profile(incomplete: str) -> list[str]:
    """Shell completion of --profile: the profiles of $CHANNELSCORE_DATA or the shipped data, by id or alias;
    after a ``+``, the next part of a composition."""
    from channelscore.api import load_catalog
    from channelscore.errors import DataError

    head, plus, last = incomplete.rpartition("+")
    try:
        names = load_catalog().profile_names()
    except (DataError, OSError):
        return []
    return [f"{head}{plus}{name}" for name in names if name.startswith(last)]


ProfileOption = Annotated[list[str] | None, typer.Option(
    "--profile", "-p", metavar="PROFILE", autocompletion=complete_profile,
    help="Profile id, alias (e.g. retail), name or path to a profile file; join a segment and situations with + "
    "(retail+urgent); once. [default: balanced]")]
DataOption = Annotated[str | None, typer.Option("--data", metavar="DIR",
                                                help="Data folder with criteria/ and profiles/ "
                                                "[default: $CHANNELSCORE_DATA, else the embedded data].")]
WeightOption = Annotated[list[str] | None, typer.Option("--weight", "-w", metavar="CRITERION=VALUE",
                                                        help="Override one weight; repeatable.")]
LangOption = Annotated[Language, typer.Option("--lang", help="Language of names and sentences.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ExcelOption = Annotated[bool, typer.Option("--excel", help="CSV for a spreadsheet: a UTF-8 byte order mark, rounded "
                                           "numbers and headers in the --lang language; in French `;` and the "
                                           "decimal comma. Implies --format csv.")]
ShortFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
