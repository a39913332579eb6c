"""The typer shell: parse options, call the core, pick a renderer, choose the exit code.

Exit codes: 0 success; 1 the data is invalid or an expectation fails; 2 a usage error.
The core is imported inside each command so that ``--help`` stays free of numpy and pydantic.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from channelscore.catalog import Catalog
    from channelscore.ranking import Ranking

EXIT_DATA = 1
EXIT_USAGE = 2

# Pydantic looks for third-party plugins through package metadata on first use, which costs more
# start-up time than validating all the data; this command line has no use for plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") and "pydantic.plugin._loader" not in sys.modules:
    # With plugins disabled, pydantic's loader only answers "no plugins", but importing it pulls in
    # importlib.metadata (about 10 ms) the first time typer validates an option; answer for it.
    import types

    _no_plugins = types.ModuleType("pydantic.plugin._loader")
    _no_plugins.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = _no_plugins

app = typer.Typer(
    name="channelscore",
    help="Rank complaint channels (phone, face-to-face, e-mail, ...) by the criteria of a comparative study, "
    "weighted for a sector or customer segment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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


class ListWhat(StrEnum):
    criteria = "criteria"
    channels = "channels"
    profiles = "profiles"


ProfileOption = Annotated[str, typer.Option("--profile", "-p", metavar="PROFILE",
                                            help="Profile id, alias (e.g. retail) or path to a profile file.")]
DataOption = Annotated[str | None, typer.Option("--data", metavar="DIR",
                                                help="Data folder with criteria/ and profiles/ "
                                                "[default: $CHANNELSCORE_DATA, else the embedded data].")]
WeightOption = Annotated[list[str] | None, typer.Option("--weight", "-w", metavar="CRITERION=VALUE",
                                                        help="Override one weight; repeatable.")]
LangOption = Annotated[Language, typer.Option("--lang", help="Language of names and sentences.")]


def _fail(code: int, lines: list[str]) -> NoReturn:
    for line in lines:
        sys.stderr.write(line + "\n")
    raise typer.Exit(code)


def _run(action: Callable[[], int | None]) -> None:
    """Run a command body, turning the core's errors into messages and exit codes, never a traceback."""
    from channelscore.problems import DataError, UsageError

    try:
        code = action()
    except DataError as error:
        from channelscore.render import clean

        _fail(EXIT_DATA, [clean(p.as_line()) for p in error.problems] +
              [f"{len(error.problems)} problem(s) found; nothing was done."])
    except UsageError as error:
        from channelscore.render import clean

        hint = f"\nhint: {clean(error.hint)}" if error.hint else ""
        _fail(EXIT_USAGE, [f"error: {clean(error.message)}{hint}"])
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Point standard output at the null device so
        # that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    except KeyboardInterrupt:
        _fail(130, ["interrupted"])
    except Exception as error:
        if os.environ.get("CHANNELSCORE_DEBUG"):
            raise
        _fail(EXIT_DATA, [f"internal error: {type(error).__name__}: {error}",
                          "hint: run again with CHANNELSCORE_DEBUG=1 for the traceback, and report it"])
    if code:
        raise typer.Exit(code)


def _catalog(data: str | None) -> Catalog:
    from channelscore.data import resolve_data_dir
    from channelscore.snapshot import load_catalog_fast

    return load_catalog_fast(resolve_data_dir(data))


def _ranking(data: str | None, profile: str, weight: list[str] | None) -> Ranking:
    from channelscore.ranking import build_decision, parse_weight_overrides, rank

    overrides = parse_weight_overrides(weight or [])
    catalog = _catalog(data)
    return rank(build_decision(catalog, catalog.resolve(profile), overrides))


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command(short_help="Rank the channels for a profile.")
def rank(
    profile: ProfileOption = "balanced",
    weight: WeightOption = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show only the first N channels.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Rank the channels for a profile, with strengths, weaknesses and why."""

    def action() -> None:
        from channelscore.explain import analyse

        ranking = _ranking(data, profile, weight)
        analyses = analyse(ranking, lang.value)
        if top is not None:
            analyses = [a for a in analyses if a.row.rank <= top][:top]
        if output_format is OutputFormat.json:
            from channelscore.render.json import dumps, rank_document

            _write(dumps(rank_document(ranking, analyses, lang.value)))
        elif output_format is OutputFormat.csv:
            from channelscore.render.csv import rank_csv

            _write(rank_csv(ranking, analyses, lang.value))
        elif output_format is OutputFormat.markdown:
            from channelscore.render.markdown import rank_markdown

            _write(rank_markdown(ranking, analyses, lang.value))
        else:
            from channelscore.render.table import console, print_ranking

            print_ranking(ranking, analyses, lang.value, console())

    _run(action)


@app.command(short_help="Explain one channel's score, criterion by criterion.")
def explain(
    channel: Annotated[str, typer.Argument(help="Channel id, e.g. phone.")],
    vs: Annotated[str | None, typer.Option("--vs", metavar="OTHER", help="Show what decides against this channel.")]
    = None,
    profile: ProfileOption = "balanced",
    weight: WeightOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Explain one channel's score criterion by criterion, with the study's best practices."""

    def action() -> None:
        from channelscore.explain import compare_pair, explain_channel

        ranking = _ranking(data, profile, weight)
        explanation = explain_channel(ranking, channel, lang.value)
        pair = compare_pair(ranking, channel, vs, lang.value) if vs else None
        if output_format is ListFormat.json:
            from channelscore.render.json import dumps, explain_document

            _write(dumps(explain_document(ranking, explanation, pair, lang.value)))
        else:
            from channelscore.render.table import console, print_explanation

            print_explanation(ranking, explanation, pair, lang.value, console())

    _run(action)


@app.command("list", short_help="List the criteria, channels or profiles.")
def list_items(
    what: Annotated[ListWhat, typer.Argument(help="What to list.")],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """List the criteria, channels or profiles of the data."""

    def action() -> None:
        catalog = _catalog(data)
        if output_format is ListFormat.json:
            from channelscore.render.json import dumps, list_document

            _write(dumps(list_document(catalog, what.value, lang.value)))
        else:
            from channelscore.render.table import console, print_list

            print_list(catalog, what.value, lang.value, console())

    _run(action)


@app.command(short_help="Compare profiles and scenarios side by side.")
def compare(
    profiles: Annotated[list[str], typer.Argument(metavar="PROFILE...",
                                                  help="Two or more profile ids, aliases, profile or scenario files.")],
    weight: WeightOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Compare scenarios: ranks and scores side by side, rank changes, Kendall tau-b, biggest movers."""

    def action() -> None:
        from channelscore.analysis.compare import compare as side_by_side
        from channelscore.analysis.compare import scenario_labels
        from channelscore.problems import UsageError
        from channelscore.ranking import build_decision, parse_weight_overrides
        from channelscore.ranking import rank as rank_decision

        if len(profiles) < 2:
            raise UsageError("compare needs at least two profiles or scenarios",
                             hint="for example: channelscore compare retail cost-control")
        overrides = parse_weight_overrides(weight or [])
        catalog = _catalog(data)
        rankings = [rank_decision(build_decision(catalog, catalog.resolve(name), overrides)) for name in profiles]
        comparison = side_by_side(rankings, scenario_labels(rankings))
        if output_format is OutputFormat.json:
            from channelscore.render.json import compare_document, dumps

            _write(dumps(compare_document(comparison, lang.value)))
        elif output_format is OutputFormat.csv:
            from channelscore.render.csv import compare_csv

            _write(compare_csv(comparison, lang.value))
        elif output_format is OutputFormat.markdown:
            from channelscore.render.markdown import compare_markdown

            _write(compare_markdown(comparison, lang.value))
        else:
            from channelscore.render.table import console, print_comparison

            print_comparison(comparison, lang.value, console())

    _run(action)


@app.command(short_help="Find the best mix of channels.")
def portfolio(
    profile: ProfileOption = "balanced",
    weight: WeightOption = None,
    size: Annotated[int | None, typer.Option("--size", "-k", min=1, help="Only sets of exactly K channels.")] = None,
    max_size: Annotated[int | None, typer.Option("--max-size", min=1,
                                                 help="Try every size from 1 to K [default: 4].")] = None,
    require: Annotated[list[str] | None, typer.Option(
        "--require", metavar="family=NAME|trait=NAME",
        help="At least one channel of the set has this family or trait; repeatable.")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", metavar="CHANNEL",
                                                      help="Leave a channel out; repeatable.")] = None,
    margin: Annotated[float, typer.Option(
        "--margin", help="The recommended size is the smallest whose best set comes within this much coverage "
        "(on the 1-3 scale) of every channel together.")] = 0.1,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """The best mix of channels: a set is as good on a criterion as its best channel (exhaustive search)."""

    def action() -> None:
        from channelscore.analysis.portfolio import mix_for, sizes_up_to
        from channelscore.problems import UsageError

        if size is not None and max_size is not None:
            raise UsageError("give --size or --max-size, not both",
                             hint="--size 3 looks at sets of exactly 3 channels, --max-size 3 at sets of 1 to 3")
        ranking = _ranking(data, profile, weight)
        decision = ranking.decision
        sizes = [size] if size is not None else sizes_up_to(decision, max_size)
        report = mix_for(decision, sizes, require or [], exclude or [], margin)
        if output_format is OutputFormat.json:
            from channelscore.render.json import dumps, portfolio_document

            _write(dumps(portfolio_document(report, decision.profile.id)))
        elif output_format is OutputFormat.csv:
            from channelscore.render.csv import portfolio_csv

            _write(portfolio_csv(report))
        elif output_format is OutputFormat.markdown:
            from channelscore.render.markdown import portfolio_markdown

            _write(portfolio_markdown(report, decision, lang.value))
        else:
            from channelscore.render.table import console, print_portfolio

            print_portfolio(report, decision, lang.value, console())

    _run(action)


@app.command(short_help="Write a client report (HTML or Markdown).")
def report(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE.html|FILE.md",
                                        help="Where to write the report; the extension picks HTML or Markdown.")],
    profile: ProfileOption = "balanced",
    weight: WeightOption = None,
    compare_with: Annotated[list[str] | None, typer.Option(
        "--compare", metavar="PROFILE", help="Another profile or scenario to compare with; repeatable.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Write a self-contained report for a client: weights, ranking, charts, mix, sensitivity, sources."""

    def action() -> None:
        from pathlib import Path

        from channelscore.client_report import gather
        from channelscore.output import write_new_file
        from channelscore.problems import UsageError
        from channelscore.ranking import parse_weight_overrides

        target = Path(output)
        kind = target.suffix.lower()
        if kind not in (".html", ".htm", ".md", ".markdown"):
            raise UsageError(f"cannot tell the format of `{target}`", hint="name it FILE.html or FILE.md")
        if target.exists() and not force:
            raise UsageError(f"`{target}` already exists", hint="choose another name, or add --force to replace it")
        content = gather(_catalog(data), profile, parse_weight_overrides(weight or []), compare_with or [],
                         lang.value)
        from channelscore.render import document

        blocks = document.blocks(content)
        text = document.to_html(blocks, lang.value) if kind in (".html", ".htm") else document.to_markdown(blocks)
        write_new_file(target, text, force)
        sys.stderr.write(f"Wrote {target}\n")

    _run(action)


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
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """Turn a weighting workshop's answers into weights, and into a profile that validate accepts."""

    def action() -> None:
        from pathlib import Path

        from channelscore.problems import UsageError
        from channelscore.workshop import profile_text, read_workshop

        source = Path(workshop)
        if not source.is_file():
            raise UsageError(f"workshop file `{source}` does not exist",
                             hint="the README's section on weighting workshops shows its format")
        catalog = _catalog(data)
        result = read_workshop(source, catalog, accept_inconsistent)
        if output is not None:
            from channelscore.output import write_new_file

            target = Path(output)
            write_new_file(target, profile_text(result, source.name), force)
            catalog.resolve(str(target))  # the profile must load and resolve like any other
        if output_format is ListFormat.json:
            from channelscore.render.json import dumps, weights_document

            _write(dumps(weights_document(result, output)))
        else:
            from channelscore.render.table import console, print_workshop

            print_workshop(result, catalog, output, lang.value, console())

    _run(action)


class _ProgressBar:
    """A progress bar on standard error, shown only on a terminal and only once a run has lasted a second."""

    def __init__(self) -> None:
        import time

        self.started = time.monotonic()
        self.bar: object | None = None
        self.task: object | None = None
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")

    def __call__(self, done: int, total: int) -> None:
        import time

        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < 1.0 or done >= total:
                return
            from rich.console import Console
            from rich.progress import Progress

            progress = Progress(console=Console(stderr=True), transient=True)
            progress.start()
            self.bar, self.task = progress, progress.add_task("sampling weights", total=total)
        self.bar.update(self.task, completed=done)  # type: ignore[attr-defined]
        if done >= total:
            self.bar.stop()  # type: ignore[attr-defined]


@app.command(short_help="How firm the ranking is (stability, SMAA).")
def sensitivity(
    profile: ProfileOption = "balanced",
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
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    lang: LangOption = Language.en,
    data: DataOption = None,
) -> None:
    """How firm the ranking is: stability of each weight, SMAA rank acceptability, what it takes to overtake."""

    def action() -> None:
        from channelscore.analysis.sensitivity import analyse

        ranking = _ranking(data, profile, weight)
        analysis = analyse(ranking, samples, seed, around_profile, rating_noise, overtake, progress=_ProgressBar())
        if output_format is OutputFormat.json:
            from channelscore.render.json import dumps, sensitivity_document

            _write(dumps(sensitivity_document(analysis)))
        elif output_format is OutputFormat.csv:
            from channelscore.render.csv import sensitivity_csv

            _write(sensitivity_csv(analysis, lang.value))
        elif output_format is OutputFormat.markdown:
            from channelscore.render.markdown import sensitivity_markdown

            _write(sensitivity_markdown(analysis, lang.value))
        else:
            from channelscore.render.table import console, print_sensitivity

            print_sensitivity(analysis, lang.value, console())

    _run(action)


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
) -> None:
    """Check the criteria, channels and every profile: all problems, located, with hints. Exit 1 if any."""

    def action() -> int:
        from pathlib import Path

        from channelscore.data import resolve_data_dir
        from channelscore.render import report as render
        from channelscore.validation import validate as check

        report = check(resolve_data_dir(data), [Path(p) for p in paths or []])
        chosen = output_format
        if chosen is ValidateFormat.auto:
            chosen = ValidateFormat.github if os.environ.get("GITHUB_ACTIONS") else ValidateFormat.text
        if chosen is ValidateFormat.json:
            _write(render.json_report(report, strict))
        elif chosen is ValidateFormat.github:
            _write(render.github_report(report, strict))
        else:
            _write(render.text_report(report, strict))
        return EXIT_DATA if report.failed(strict) else 0

    _run(action)


@app.command(short_help="Print the JSON Schema of a data file.")
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")],
) -> None:
    """Print the JSON Schema of a data file, for editors (yaml-language-server) and other tools."""

    def action() -> None:
        from channelscore.schema import schema_text

        _write(schema_text(kind.value))

    _run(action)


@app.command(short_help="Copy the default data into a new folder.")
def init(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="A new or empty folder.")],
) -> None:
    """Write a copy of the default data (criteria, channels, profiles, schemas) to start a client engagement."""

    def action() -> None:
        from pathlib import Path

        from channelscore.scaffold import init_folder

        target = init_folder(Path(folder))
        _write(f"Wrote the default data to {target}: criteria/, profiles/ and schema/.\n"
               f"Next: channelscore validate --data {target}\n"
               f"      channelscore rank --data {target} --profile retail\n")

    _run(action)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="channelscore")


if __name__ == "__main__":
    main()
