"""The commands: each one is options, then an API call, then a renderer, then an exit code.

The API and the renderers are imported inside each command so that ``--help`` stays free of
numpy and pydantic.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from channelscore.cli.options import (
    DataOption,
    ExcelOption,
    FormatOption,
    LangOption,
    Language,
    ListFormat,
    ListWhat,
    OutputFormat,
    ProfileOption,
    SchemaKind,
    ShortFormatOption,
    ValidateFormat,
    WeightOption,
)
from channelscore.cli.run import EXIT_DATA, parse_weights, run

if TYPE_CHECKING:
    from channelscore.model import Catalog

app = typer.Typer(
    name="channelscore",
    help="Rank complaint channels (phone, face-to-face, e-mail, ...) by the criteria of a comparative study, "
    "weighted for a sector or customer segment.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        sys.stdout.write(f"channelscore {version('channelscore')}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Rank complaint channels (phone, face-to-face, e-mail, ...) by the criteria of a comparative study, weighted
    for a sector or customer segment."""


def _catalog(data: str | None, *profiles: str) -> Catalog:
    """The data folder's catalog: ``--data``, else the folder a profile file given by path sits in, else the
    shipped data; said on standard error when it is the folder beside the profile."""
    from channelscore.api import data_folder_for, load_catalog

    chosen = data_folder_for(data, profiles)
    if chosen is not None and data in (None, ""):
        sys.stderr.write(f"note: reading the data folder `{chosen}` the profile file sits in "
                         "(--data chooses another)\n")
    return load_catalog(chosen)


def _one_profile(profiles: list[str] | None) -> str:
    """The one profile a command ranks: ``balanced`` when none is given; given twice, a usage error."""
    from channelscore.errors import RequestError

    if not profiles:
        return "balanced"
    if len(profiles) > 1:
        raise RequestError(f"--profile is given {len(profiles)} times ({', '.join(profiles)}); this command "
                           "takes one profile", hint="keep one --profile; `channelscore compare` puts several "
                           "side by side")
    return profiles[0]


def _tabular(kind: str, output_format: OutputFormat, excel: bool, result: Any, lang: str) -> None:
    """Show a result that has a CSV form: ``--excel`` asks for the spreadsheet flavour of CSV."""
    if not excel:
        _show(kind, output_format.value, result, lang)
        return
    if output_format not in (OutputFormat.table, OutputFormat.csv):
        from channelscore.errors import RequestError

        raise RequestError(f"--excel writes CSV, not {output_format.value}",
                           hint="drop --format, or use --format csv with --excel")
    _show(kind, "csv", result, lang, excel=True)


def _show(kind: str, fmt: str, result: Any, lang: str, **options: Any) -> None:
    from channelscore.render import write
    from channelscore.words import Words

    write(kind, fmt, result, Words(lang), sys.stdout, **options)


@app.command(short_help="Rank the channels for a profile.")
def rank(
    profile: ProfileOption = None,
    weight: WeightOption = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show only the first N channels.")] = None,
    output_format: FormatOption = OutputFormat.table,
    excel: ExcelOption = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Rank the channels for a profile, with strengths, weaknesses and why."""

    def action() -> None:
        from channelscore import api

        overrides = parse_weights(weight)
        name = _one_profile(profile)
        result = api.rank(_catalog(data, name), name, overrides, lang.value)
        _tabular("rank", output_format, excel, result.top(top) if top is not None else result, lang.value)

    run(action)


@app.command(short_help="Explain one channel's score, criterion by criterion.")
def explain(
    channel: Annotated[str, typer.Argument(help="Channel id, e.g. phone.")],
    vs: Annotated[str | None, typer.Option("--vs", metavar="OTHER", help="Show what decides against this channel.")]
    = None,
    profile: ProfileOption = None,
    weight: WeightOption = None,
    output_format: ShortFormatOption = ListFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Explain one channel's score criterion by criterion, with the study's best practices."""

    def action() -> None:
        from channelscore import api

        overrides = parse_weights(weight)
        name = _one_profile(profile)
        result = api.explain(_catalog(data, name), channel, name, overrides, vs, lang.value)
        _show("explain", output_format.value, result, lang.value)

    run(action)


@app.command("list", short_help="List the criteria, channels, profiles or the study's judgements.")
def list_items(
    what: Annotated[ListWhat, typer.Argument(help="What to list.")],
    profile: Annotated[str | None, typer.Option("--profile", "-p", metavar="PROFILE",
                                                help="With `expectations`: only this profile's.")] = None,
    output_format: ShortFormatOption = ListFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """List the criteria, channels or profiles of the data, or the study's judgements (expectations) with
    whether each holds and the one-step rating changes that would break it."""

    def action() -> None:
        from channelscore import api
        from channelscore.errors import RequestError

        if what.value == "expectations":
            result = api.list_expectations(_catalog(data), profile, lang.value)
            _show("expectations", output_format.value, result, lang.value)
            return
        if profile is not None:
            raise RequestError("--profile applies only to `list expectations`",
                               hint=f"channelscore list {what.value}, without --profile")
        _show("list", output_format.value, api.list_items(_catalog(data), what.value, lang.value), lang.value)

    run(action)


@app.command(short_help="Compare profiles and scenarios side by side.")
def compare(
    profiles: Annotated[list[str], typer.Argument(metavar="PROFILE...",
                                                  help="Two or more profile ids, aliases, profile or scenario files.")],
    weight: WeightOption = None,
    output_format: FormatOption = OutputFormat.table,
    excel: ExcelOption = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Compare scenarios: ranks and scores side by side, rank changes, Kendall tau-b, biggest movers."""

    def action() -> None:
        from channelscore import api
        from channelscore.errors import RequestError

        if len(profiles) < 2:
            raise RequestError("compare needs at least two profiles or scenarios",
                               hint="for example: channelscore compare retail cost-control")
        overrides = parse_weights(weight)
        result = api.compare(_catalog(data, *profiles), profiles, overrides, lang.value)
        _tabular("compare", output_format, excel, result, lang.value)

    run(action)


@app.command(short_help="Find the best mix of channels.")
def portfolio(
    profile: ProfileOption = None,
    weight: WeightOption = None,
    size: Annotated[int | None, typer.Option("--size", "-k", min=1, help="Only sets of exactly K channels.")] = None,
    max_size: Annotated[int | None, typer.Option("--max-size", min=1,
                                                 help="Try every size from 1 to K [default: 4].")] = None,
    require: Annotated[list[str] | None, typer.Option(
        "--require", metavar="family=NAME|trait=NAME",
        help="At least one channel of the set has this family or trait; repeatable.")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", metavar="CHANNEL",
                                                      help="Leave a channel out; repeatable.")] = None,
    mix: Annotated[str | None, typer.Option(
        "--mix", metavar="CHANNEL,CHANNEL,...",
        help="Score this mix (ids or names, comma-separated): its coverage, what each channel adds, its weak "
             "criteria, and how far it is from the best set of its size.")] = None,
    margin: Annotated[float, typer.Option(
        "--margin", help="The recommended size is the smallest whose best set comes within this much coverage "
        "(on the 1-3 scale) of every channel together.")] = 0.1,
    output_format: FormatOption = OutputFormat.table,
    excel: ExcelOption = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """The best mix of channels: a set is as good on a criterion as its best channel (exhaustive search)."""

    def action() -> None:
        from channelscore import api
        from channelscore.errors import RequestError

        if size is not None and max_size is not None:
            raise RequestError("give --size or --max-size, not both",
                               hint="--size 3 looks at sets of exactly 3 channels, --max-size 3 at sets of 1 to 3")
        overrides = parse_weights(weight)
        name = _one_profile(profile)
        chosen = [part.strip() for part in mix.split(",") if part.strip()] if mix is not None else []
        if mix is not None and not chosen:
            raise RequestError("--mix names no channel", hint="for example --mix face_to_face,phone")
        result = api.portfolio(_catalog(data, name), name, overrides, size, max_size, require or [], exclude or [],
                               margin, lang.value, chosen)
        _tabular("portfolio", output_format, excel, result, lang.value)

    run(action)


@app.command(short_help="Which one-point rating changes would change the ranking or the mix.")
def levers(
    profile: ProfileOption = None,
    channel: Annotated[str | None, typer.Option("--channel", "-c", metavar="CHANNEL",
                                                help="Only this channel's ratings (id or name).")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every lever in the table (the first 12 otherwise).")]
    = False,
    weight: WeightOption = None,
    output_format: FormatOption = OutputFormat.table,
    excel: ExcelOption = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Every one-point change of a rating (up or down) that would change the first place, the channel's own rank
    or the recommended mix, strongest first, with the reason of the rating it would change; and the pairs of
    improvements a channel needs where no single one brings it first."""

    def action() -> None:
        from channelscore import api

        overrides = parse_weights(weight)
        name = _one_profile(profile)
        result = api.levers(_catalog(data, name), name, overrides, channel, lang.value)
        if show_all and output_format is OutputFormat.table and not excel:
            _show("levers", "table", result, lang.value, show_all=True)
            return
        _tabular("levers", output_format, excel, result, lang.value)

    run(action)


@app.command(short_help="Write the live board: weights to move in the browser, the ranking following.")
def board(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE.html",
                                        help="Where to write the page (one self-contained HTML file).")],
    profile: ProfileOption = None,
    compare_with: Annotated[list[str] | None, typer.Option(
        "--compare", metavar="PROFILE", help="Another profile or scenario to offer on the board; repeatable.")] = None,
    weight: WeightOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Write one self-contained HTML page (no network; it can be e-mailed and opened offline) with a slider and
    a lock per weight, the client/enterprise split, a switch per channel, and the ranking, its reasons, the
    recommended mix, the stability of the weight being moved and the improvement levers, recomputed in the
    page as the weights move; it downloads the weights as a scenario file."""

    def action() -> None:
        from pathlib import Path

        from channelscore import api
        from channelscore.errors import RequestError
        from channelscore.words import Words

        target = Path(output)
        if target.suffix.lower() not in (".html", ".htm"):
            raise RequestError(f"the board is an HTML page: `{output}` does not end in .html",
                               hint="for example -o board.html")
        overrides = parse_weights(weight)
        name = _one_profile(profile)
        names = [name, *(compare_with or [])]
        result = api.board(_catalog(data, *names), names, overrides, lang.value)
        result.write(target, force)
        sys.stderr.write(Words(lang.value).say("board_written", path=target) + "\n")

    run(action)


@app.command(short_help="Write a client report (HTML, Markdown or Word).")
def report(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE.html|FILE.md|FILE.docx",
                                        help="Where to write the report; the extension picks HTML, Markdown or "
                                        "Word.")],
    profile: ProfileOption = None,
    weight: WeightOption = None,
    compare_with: Annotated[list[str] | None, typer.Option(
        "--compare", metavar="PROFILE", help="Another profile or scenario to compare with; repeatable.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    around_profile: Annotated[float, typer.Option(
        "--around-profile", metavar="K", help="How firm the ranking is: weights drawn from a Dirichlet around the "
        "profile's with concentration K (higher: closer).")] = 50.0,
    uniform: Annotated[bool, typer.Option("--uniform", help="Draw the weights uniformly instead, over every "
                                          "possible weighting.")] = False,
    rating_noise: Annotated[float, typer.Option(
        "--rating-noise", metavar="P", help="Move each rating one step up or down with probability P.")] = 0.0,
    title: Annotated[str | None, typer.Option("--title", help="The report's title (default: one from the "
                                              "profile).")] = None,
    client: Annotated[str | None, typer.Option("--client", help="The client, shown under the title.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Who wrote the report, shown under the title.")]
    = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The report's date (default: "
                                             "today).")] = None,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Write a self-contained report for a client: weights, ranking, charts, mix, sensitivity, sources."""

    def action() -> None:
        from pathlib import Path

        from channelscore import api
        from channelscore.errors import RequestError

        target = Path(output)
        api.report_kind(target)
        # Said before the report is computed, which takes a few seconds.
        if target.exists() and not force:
            raise RequestError(f"`{target}` already exists", hint="choose another name, or add --force to replace it")
        overrides = parse_weights(weight)
        name = _one_profile(profile)
        result = api.client_report(_catalog(data, name, *(compare_with or [])), name, overrides, compare_with or [],
                                   lang.value,
                                   concentration=None if uniform else around_profile, rating_noise=rating_noise,
                                   title=title, client=client, author=author, date=date)
        result.write(target, force)
        from channelscore.words import Words

        sys.stderr.write(Words(lang.value).say("report_written", path=target) + "\n")

    run(action)


@app.command(short_help="Turn workshop answers into weights and a profile.")
def weights(
    workshop: Annotated[str, typer.Argument(metavar="WORKSHOP.yaml",
                                            help="The workshop's answers: a ranking, AHP judgments or swing points.")],
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="PROFILE.yaml",
                                               help="Write the agreed weights as a profile extending the base.")]
    = None,
    accept_inconsistent: Annotated[bool, typer.Option(
        "--accept-inconsistent", help="Keep AHP judgments whose consistency ratio is above 0.10.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace PROFILE.yaml if it exists.")] = False,
    output_format: ShortFormatOption = ListFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Turn a weighting workshop's answers into weights, and into a profile that validate accepts."""

    def action() -> None:
        from channelscore import api

        result = api.weights(_catalog(data), workshop, accept_inconsistent, output, force, lang.value)
        _show("weights", output_format.value, result, lang.value)

    run(action)


@app.command(short_help="How firm the ranking is (stability, SMAA).")
def sensitivity(
    profile: ProfileOption = None,
    weight: WeightOption = None,
    samples: Annotated[int, typer.Option("--samples", "-n", min=1, help="Monte Carlo samples of the weights.")]
    = 100_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed; the same seed gives the same output.")]
    = 20_260_101,
    around_profile: Annotated[float | None, typer.Option(
        "--around-profile", metavar="K", help="Sample weights from a Dirichlet around the profile's weights with "
        "concentration K (higher: closer) instead of uniformly.")] = None,
    rating_noise: Annotated[float, typer.Option(
        "--rating-noise", metavar="P", help="Move each rating one step up or down with probability P.")] = 0.0,
    overtake: Annotated[tuple[str, str] | None, typer.Option(
        "--overtake", metavar="A B", help="The smallest weight change after which channel A scores at least as "
        "much as channel B.")] = None,
    output_format: FormatOption = OutputFormat.table,
    excel: ExcelOption = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """How firm the ranking is: stability of each weight, SMAA rank acceptability, what it takes to overtake."""

    def action() -> None:
        from channelscore import api
        from channelscore.cli.progress import ProgressBar

        overrides = parse_weights(weight)
        name = _one_profile(profile)
        result = api.sensitivity(_catalog(data, name), name, overrides, samples, seed, around_profile, rating_noise,
                                 overtake, progress=ProgressBar(), lang=lang.value)
        _tabular("sensitivity", output_format, excel, result, lang.value)

    run(action)


@app.command(short_help="Check the data files; every problem located.")
def validate(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH]...", help="Profile, scenario or workshop files to check too, beside the data folder.")]
    = None,
    data: DataOption = None,
    output_format: Annotated[ValidateFormat, typer.Option(
        "--format", "-f", help="text for people and editors, json for programs, github for Actions annotations; "
        "auto is github when GITHUB_ACTIONS is set, else text.")] = ValidateFormat.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    notes: Annotated[bool, typer.Option("--notes", help="List the notes too: the judgements of the study the data "
                                        "does not meet on purpose, with the argument (they never fail).")] = False,
    skip_other: Annotated[bool, typer.Option(
        "--skip-other-files", help="Leave out the PATHs that are not channelscore files (no `format: "
        "channelscore/...` line, not in criteria/, profiles/, scenarios/ or workshops/), for hooks that pass "
        "every changed YAML file.")] = False,
) -> None:
    """Check the criteria, channels and every profile: all problems, located, with hints. Exit 1 if any."""

    def action() -> int:
        from channelscore import api

        result = api.validate(data, paths or [], skip_other)
        chosen = output_format
        if chosen is ValidateFormat.auto:
            chosen = ValidateFormat.github if os.environ.get("GITHUB_ACTIONS") else ValidateFormat.text
        _show("validation", chosen.value, result, "en", strict=strict, show_notes=notes)
        return EXIT_DATA if result.failed(strict) else 0

    run(action)


@app.command(short_help="Print the JSON Schema of a data file.")
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")],
) -> None:
    """Print the JSON Schema of a data file, for editors (yaml-language-server) and other tools."""

    def action() -> None:
        from channelscore import api

        sys.stdout.write(api.json_schema(kind.value))
        sys.stdout.flush()

    run(action)


@app.command(short_help="Copy the default data into a new folder.")
def init(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="A new or empty folder.")],
) -> None:
    """Write a copy of the default data (criteria, channels, profiles, schemas) to start a client engagement."""

    def action() -> None:
        from channelscore import api

        target = api.init_data(folder)
        sys.stdout.write(f"Wrote the default data to {target}: criteria/, profiles/ and schema/.\n"
                         f"Next: channelscore validate --data {target}\n"
                         f"      channelscore rank --data {target} --profile retail\n")
        sys.stdout.flush()

    run(action)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="channelscore")
