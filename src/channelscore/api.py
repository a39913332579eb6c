"""The public Python API: load the data, then rank, explain, compare, test and report, as the commands do.

Every function returns an immutable result; ``to_dict()`` gives the document the matching command
prints with ``--format json``, and results that are tables show as one in a Jupyter cell.

    import channelscore as cs
    catalog = cs.load_catalog()
    result = cs.rank(catalog, "retail", weights={"trust": 3})
    result.rows[0].channel          # 'face_to_face'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from channelscore.core.records import Record
from channelscore.errors import DataError, Problem, RequestError, suggestion
from channelscore.model import Catalog, Names, Profile, Source, StatementTally, Text
from channelscore.words import Words

if TYPE_CHECKING:
    from channelscore.core.compare import Comparison
    from channelscore.core.decision import Decision, Ranking, Row
    from channelscore.core.elicitation import WorkshopWeights
    from channelscore.core.expectations import ExpectationCheck, ExpectationStatus
    from channelscore.core.explain import ChannelAnalysis, ChannelExplanation, PairExplanation
    from channelscore.core.levers import Levers
    from channelscore.core.portfolio import MixReport
    from channelscore.core.sensitivity import Sensitivity
    from channelscore.core.smaa import Progress
    from channelscore.data.yaml_reader import Document

# The defaults of the SMAA sampling (channelscore.core.smaa), repeated so that importing the API stays cheap.
DEFAULT_SAMPLES = 100_000
DEFAULT_SEED = 20_260_101
# The report's draw around the profile's weights (channelscore.core.client_report.REPORT_CONCENTRATION).
REPORT_CONCENTRATION = 50.0

ProfileName = str | Path | Profile
ListWhat = Literal["criteria", "channels", "profiles", "expectations"]

# A criterion holding this share of the effective weight decides the ranking on its own.
DOMINANT_SHARE = 0.9


def load_catalog(data: str | Path | None = None) -> Catalog:
    """The catalog of the data folder ``data`` (default: ``$CHANNELSCORE_DATA``, else the shipped data).

    The shipped data comes from its compiled form while its sources are unchanged; any other folder
    is read and checked in full. A :class:`DataError` lists every problem of an invalid folder.
    """
    from channelscore.data.compiled import load_catalog_fast
    from channelscore.data.folders import resolve_data_dir

    return load_catalog_fast(resolve_data_dir(data))


def data_folder_for(data: str | Path | None, profiles: Sequence[ProfileName]) -> str | Path | None:
    """The data folder to read: ``data`` when given (or ``$CHANNELSCORE_DATA``); else the folder a profile file
    given by path sits in (``DIR/profiles/NAME.yaml``), so that a client's profile is never ranked on the
    study's data while its own sits beside it; else None (the shipped data)."""
    import os

    from channelscore.data.folders import ENVIRONMENT_VARIABLE, data_folder_beside

    if data not in (None, "") or os.environ.get(ENVIRONMENT_VARIABLE):
        return data
    folders = {folder for folder in (data_folder_beside(part) for p in profiles if not isinstance(p, Profile)
                                     for part in profile_parts(p)) if folder is not None}
    if len(folders) > 1:
        raise RequestError("the profile files given sit in different data folders: "
                           + ", ".join(f"`{folder}`" for folder in sorted(folders)),
                           hint="give --data to say which folder's criteria and channels to use")
    return folders.pop() if folders else None


def channel_id(catalog: Catalog, name: str) -> str:
    """The id of the channel called ``name``: its id, or its name in either language, case and accents as written
    or not ("WhatsApp", "téléphone"); a :class:`RequestError` with the closest id or name for one that matches
    nothing."""
    from channelscore.model import folded

    wanted = folded(name)
    for channel in catalog.channels:
        if name == channel.id:
            return channel.id
    for channel in catalog.channels:
        if wanted in {folded(text) for text in (channel.id, channel.names.en, channel.names.fr) if text}:
            return channel.id
    spellings: dict[str, str] = {}
    for channel in catalog.channels:
        for text in (channel.id, channel.names.en, channel.names.fr):
            if text:
                spellings.setdefault(folded(text), text)  # an id before a name that folds the same
    close = suggestion(wanted, list(spellings))
    hint = f"did you mean `{spellings[close.split('`')[1]]}`?" if close else \
        "channels: " + ", ".join(c.id for c in catalog.channels)
    raise RequestError(f"unknown channel `{name}`", hint=hint)


def json_schema(kind: Literal["criteria", "channels", "profile", "scenario", "sources", "workshop"]) -> str:
    """The JSON Schema of a data file format, as text, for editors (yaml-language-server) and other tools."""
    from channelscore.data.schema import MODELS, schema_text

    if kind not in MODELS:
        raise RequestError(f"no schema for `{kind}`", hint="schemas: " + ", ".join(MODELS))
    return schema_text(kind)


def init_data(folder: str | Path) -> Path:
    """Write a copy of the shipped data (criteria, channels, profiles, schemas) into ``folder``, a new or empty
    folder, all at once or not at all."""
    from channelscore.data.init import init_folder

    return init_folder(Path(folder))


def profile_parts(name: str | Path) -> list[str | Path]:
    """The parts of a composed profile name (``local-retail+urgent-breakdown``); a file whose path holds a
    ``+`` is one part."""
    import os

    if isinstance(name, Path) or "+" not in name or os.path.exists(name):
        return [name]
    return [part.strip() for part in name.split("+")]


def profile(catalog: Catalog, name: ProfileName) -> Profile:
    """The profile ``name``: an id, an alias, a name, the path of a profile or scenario file (resolved onto
    the catalog's profiles), or several of them joined by ``+``, composed (a segment and situations)."""
    if isinstance(name, Profile):
        return name
    parts = profile_parts(name)
    if len(parts) > 1:
        if any(not part for part in parts):
            raise RequestError(f"`{name}` has an empty part", hint="join profiles with one `+`: retail+urgent")
        return composed_profile(catalog, [profile(catalog, part) for part in parts])
    from channelscore.data.folders import looks_like_path

    if isinstance(name, Path) or looks_like_path(name):
        from channelscore.data.catalog import profile_from_file

        return profile_from_file(Path(name), catalog)
    return catalog.profile(name)


def composed_profile(catalog: Catalog, parts: Sequence[Profile]) -> Profile:
    """The composition of ``parts``: one segment and any situations (the README's rule)."""
    from channelscore.data.compose import CompositionError, compose

    try:
        return compose(parts, catalog.channels, {c.id: c.group for c in catalog.criteria})
    except CompositionError as error:
        raise RequestError("the profiles cannot be composed: " + "; ".join(error.messages), hint=error.hint) from None


def decide(catalog: Catalog, name: ProfileName, weights: Mapping[str, float] | None = None) -> Ranking:
    """The ranking of profile ``name``, with ``weights`` replacing some of its weights."""
    from channelscore.core.decision import build_decision, rank_decision


    return rank_decision(build_decision(catalog, profile(catalog, name), weights))


@dataclass(frozen=True, eq=False)
class RankResult(Record):
    """A ranking with its explanations, and the smallest mix of channels that covers nearly everything."""

    ranking: Ranking
    analyses: tuple[ChannelAnalysis, ...]
    mix: MixReport
    lang: str = "en"

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.ranking.rows

    @property
    def decision(self) -> Decision:
        return self.ranking.decision

    def top(self, count: int) -> RankResult:
        """The same result cut to the channels ranked ``count`` or better (at most ``count`` of them)."""
        return replace(self, analyses=tuple(a for a in self.analyses if a.row.rank <= count)[:count])

    def why(self) -> dict[str, str]:
        """Each channel's explanation, in the result's language."""
        from channelscore.words.tell import why

        words = Words(self.lang)
        return {a.row.channel: why(words, self.ranking, a) for a in self.analyses}

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import rank_document

        return rank_document(self, Words(self.lang))

    def _repr_html_(self) -> str:
        from channelscore.render.html import rank_html

        return rank_html(self, Words(self.lang))


def rank(catalog: Catalog, name: ProfileName = "balanced", weights: Mapping[str, float] | None = None,
         lang: str = "en") -> RankResult:
    """Rank the channels for profile ``name``; ``weights`` replace some of its weights (any scale)."""
    from channelscore.core.explain import analyse_channels
    from channelscore.core.portfolio import mix_for, sizes_up_to


    ranking = decide(catalog, name, weights)
    decision = ranking.decision
    mix = mix_for(decision, sizes_up_to(decision), stop_at_recommended=True)
    return RankResult(ranking, tuple(analyse_channels(ranking)), mix, lang)


@dataclass(frozen=True, eq=False)
class ExplainResult(Record):
    """One channel criterion by criterion, and what decides between it and another channel if asked."""

    ranking: Ranking
    explanation: ChannelExplanation
    pair: PairExplanation | None
    lang: str = "en"
    sources: tuple[Source, ...] = ()
    levers: Levers | None = None

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import explain_document

        return explain_document(self, Words(self.lang))


def explain(catalog: Catalog, channel: str, name: ProfileName = "balanced", weights: Mapping[str, float] | None = None,
            vs: str | None = None, lang: str = "en") -> ExplainResult:
    """Explain channel ``channel`` under profile ``name``; ``vs`` names a channel to set it against."""
    from channelscore.core.explain import compare_pair, explain_channel
    from channelscore.core.levers import levers as find_levers

    ranking = decide(catalog, name, weights)
    channel = channel_id(catalog, channel)
    explanation = explain_channel(ranking, channel)
    pair = compare_pair(ranking, channel, channel_id(catalog, vs)) if vs else None
    return ExplainResult(ranking, explanation, pair, lang, catalog.sources, find_levers(ranking.decision, channel))


@dataclass(frozen=True, eq=False)
class CompareResult(Record):
    """Several profiles or scenarios side by side."""

    comparison: Comparison
    lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import compare_document

        return compare_document(self, Words(self.lang))

    def _repr_html_(self) -> str:
        from channelscore.render.html import compare_html

        return compare_html(self, Words(self.lang))


def compare(catalog: Catalog, names: Sequence[ProfileName], weights: Mapping[str, float] | None = None,
            lang: str = "en") -> CompareResult:
    """Rank every profile of ``names`` (two or more) and set the rankings side by side."""
    from channelscore.core.compare import compare_rankings, scenario_labels


    if len(names) < 2:
        raise RequestError("compare needs at least two profiles or scenarios",
                           hint="for example: channelscore compare retail cost-control")
    rankings = [decide(catalog, name, weights) for name in names]
    return CompareResult(compare_rankings(rankings, scenario_labels(rankings)), lang)


@dataclass(frozen=True, eq=False)
class SensitivityResult(Record):
    """How firm a ranking is: stability of each weight, SMAA acceptability, what it takes to overtake."""

    sensitivity: Sensitivity
    lang: str = "en"

    def advice(self) -> list[str]:
        from channelscore.words.tell import sensitivity_advice

        return sensitivity_advice(Words(self.lang), self.sensitivity)

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import sensitivity_document

        return sensitivity_document(self, Words(self.lang))


def sensitivity(catalog: Catalog, name: ProfileName = "balanced", weights: Mapping[str, float] | None = None,
                samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED, concentration: float | None = None,
                rating_noise: float = 0.0, overtake: tuple[str, str] | None = None,
                progress: Progress | None = None, lang: str = "en") -> SensitivityResult:
    """The sensitivity of profile ``name``'s ranking; ``concentration`` draws weights around the profile's
    (Dirichlet) instead of uniformly; ``overtake`` (A, B) asks what lets A reach B."""
    from channelscore.core.sensitivity import analyse_sensitivity

    ranking = decide(catalog, name, weights)
    if overtake is not None:
        overtake = (channel_id(catalog, overtake[0]), channel_id(catalog, overtake[1]))
    return SensitivityResult(analyse_sensitivity(ranking, samples, seed, concentration, rating_noise, overtake,
                                                 progress=progress), lang)


@dataclass(frozen=True, eq=False)
class BoardResult(Record):
    """The live board of one or more profiles: a self-contained HTML page that scores in the browser."""

    decisions: tuple[Decision, ...]
    bases: tuple[str | list[str], ...]
    lang: str = "en"

    def to_html(self) -> str:
        from importlib.metadata import version

        from channelscore.render.board import board_html

        return board_html(self.decisions, self.bases, Words(self.lang), version("channelscore"))

    def write(self, path: str | Path, force: bool = False) -> Path:
        """Write the page to ``path``, all at once, never over a file unless ``force``."""
        from channelscore.data.output import write_new_file

        target = Path(path)
        write_new_file(target, self.to_html(), force)
        return target


def board(catalog: Catalog, names: Sequence[ProfileName], weights: Mapping[str, float] | None = None,
          lang: str = "en") -> BoardResult:
    """The live board of profiles ``names`` (the first shown first; ``weights`` replace some of each one's)."""
    if not names:
        raise RequestError("the board needs a profile")
    decisions = []
    bases: list[str | list[str]] = []
    for name in names:
        decision = decide(catalog, name, weights).decision
        profile = decision.profile
        decisions.append(decision)
        if profile.id in catalog.profiles:
            bases.append(profile.id)
        elif profile.parts:
            bases.append([part.id for part in profile.parts])
        else:
            bases.append(list(profile.extends) if len(profile.extends) != 1 else profile.extends[0])
    return BoardResult(tuple(decisions), tuple(bases), lang)


@dataclass(frozen=True, eq=False)
class LeversResult(Record):
    """The one-point rating changes that would change the first place, a channel's rank or the recommended mix."""

    decision: Decision
    levers: Levers
    lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import levers_document

        return levers_document(self, Words(self.lang))


def levers(catalog: Catalog, name: ProfileName = "balanced", weights: Mapping[str, float] | None = None,
           channel: str | None = None, lang: str = "en") -> LeversResult:
    """Every one-point change of a rating (of ``channel``'s only, by id or name, when given) that would change
    the first place, its channel's rank or the recommended mix under profile ``name``, strongest first, with the
    pairs of improvements a channel needs where one is not enough."""
    from channelscore.core.levers import levers as find_levers

    decision = decide(catalog, name, weights).decision
    chosen = channel_id(catalog, channel) if channel is not None else None
    return LeversResult(decision, find_levers(decision, chosen), lang)


@dataclass(frozen=True, eq=False)
class PortfolioResult(Record):
    """The best mixes of channels for a profile."""

    decision: Decision
    mix: MixReport
    lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import portfolio_document

        return portfolio_document(self, Words(self.lang))

    def _repr_html_(self) -> str:
        from channelscore.render.html import portfolio_html

        return portfolio_html(self, Words(self.lang))


def portfolio(catalog: Catalog, name: ProfileName = "balanced", weights: Mapping[str, float] | None = None,
              size: int | None = None, max_size: int | None = None, require: Sequence[str] = (),
              exclude: Sequence[str] = (), margin: float = 0.1, lang: str = "en",
              mix: Sequence[str] = ()) -> PortfolioResult:
    """The best channel mixes of exactly ``size`` channels, or of every size up to ``max_size`` (default 4);
    ``require`` holds ``family=NAME`` or ``trait=NAME`` that the set must meet, ``exclude`` channels (by id or
    name). With ``mix`` (channels by id or name), that mix scored beside the best set of its size."""

    from channelscore.core.portfolio import given_mix, mix_for, sizes_up_to

    if size is not None and max_size is not None:
        raise RequestError("give `size` or `max_size`, not both")
    decision = decide(catalog, name, weights).decision
    exclude = [channel_id(catalog, channel) for channel in exclude]
    if mix:
        if size is not None or max_size is not None:
            raise RequestError("{argument} scores the mix it names; it takes no size",
                               hint="leave out --size and --max-size", argument="mix")
        chosen = [channel_id(catalog, channel) for channel in mix]
        return PortfolioResult(decision, given_mix(decision, chosen, require, exclude), lang)
    sizes = [size] if size is not None else sizes_up_to(decision, max_size)
    return PortfolioResult(decision, mix_for(decision, sizes, require, exclude, margin), lang)


@dataclass(frozen=True, eq=False)
class Listing(Record):
    """The criteria, channels or profiles of a catalog."""

    catalog: Catalog
    what: ListWhat
    lang: str = "en"

    def to_dict(self) -> list[dict[str, Any]]:
        from channelscore.render.json import list_document

        return list_document(self, Words(self.lang))


def list_items(catalog: Catalog, what: ListWhat, lang: str = "en") -> Listing:
    """The criteria, channels or profiles of ``catalog`` (the expectations: :func:`list_expectations`)."""
    if what not in ("criteria", "channels", "profiles"):
        raise RequestError(f"cannot list `{what}`", hint="list criteria, channels, profiles or expectations")
    return Listing(catalog, what, lang)


@dataclass(frozen=True, eq=False)
class ExpectationListing(Record):
    """Every judgement of the seeds in the data, or one profile's, with its status and robustness."""

    items: tuple[ExpectationStatus, ...]
    sources: tuple[Source, ...] = ()
    lang: str = "en"

    def count(self, status: str) -> int:
        from channelscore.core.expectations import count_status

        return count_status(self.items, status)

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import expectations_document

        return expectations_document(self, Words(self.lang))


def list_expectations(catalog: Catalog, name: ProfileName | None = None, lang: str = "en") -> ExpectationListing:
    """The judgements of the seeds: the channels file's and every profile's (or only those of profile ``name``),
    each checked, with the one-step rating moves that would break those that hold."""
    from channelscore.core.decision import build_decision, rank_decision
    from channelscore.core.expectations import (
        ExpectationStatus,
        breaking_moves,
        catalog_table,
        check,
        check_catalog,
    )

    items: list[ExpectationStatus] = []
    if name is None:
        table = catalog_table(catalog)
        items += [ExpectationStatus(None, index, checked,
                                    breaking_moves(checked.expectation, table=table) if checked.holds else ())
                  for index, checked in check_catalog(catalog)]
        chosen = [catalog.profiles[key] for key in sorted(catalog.profiles)]
    else:
        chosen = [profile(catalog, name)]
    for sound in chosen:
        ranking = rank_decision(build_decision(catalog, sound))
        for expectation in sound.expectations:
            own = expectation.stated_by == sound.id
            checked = check(expectation, ranking)
            if name is None and not own and checked.holds:
                continue  # listed where it is stated; an inherited judgement shows up again only where it fails
            moves = breaking_moves(expectation, ranking) if checked.holds else ()
            items.append(ExpectationStatus(expectation.stated_by, expectation.position, checked, moves,
                                           checked_in=None if own else sound.id))
        for aside in sound.set_aside:
            expectation = aside.expectation
            items.append(ExpectationStatus(expectation.stated_by, expectation.position, check(expectation, ranking), (),
                                           checked_in=sound.id, set_aside=(aside.against,)))
    return ExpectationListing(tuple(items), catalog.sources, lang)


@dataclass(frozen=True, eq=False)
class ValidationResult(Record):
    """The files checked and every problem found in them, sorted by file, line and column; ``notes`` are
    the judgements of the seeds the data does not meet on purpose (recorded as ``unmet``), which never fail."""

    files: tuple[str, ...]
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()
    statements: StatementTally = field(default_factory=StatementTally)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")

    def failed(self, strict: bool = False) -> bool:
        """True when the data must be fixed: any error, or under ``strict`` any warning too."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def to_dict(self, strict: bool = False) -> dict[str, Any]:
        from channelscore.render.validation import json_document

        return json_document(self, strict)


def validate(data: str | Path | None = None, paths: Sequence[str | Path] = (),
             skip_other: bool = False) -> ValidationResult:
    """Check a data folder and the profile, scenario or workshop files ``paths`` beside it: every problem and
    warning, located; every profile resolved and ranked, so that the study's expectations are checked.
    With ``skip_other``, paths that are not channelscore files (by content or folder) are left out: a hook
    may pass every changed YAML file."""
    from channelscore.core.expectations import cites_study
    from channelscore.data.files import is_channelscore_file
    from channelscore.data.folders import resolve_data_dir
    from channelscore.data.inspection import check_folder

    if skip_other:
        paths = [p for p in paths if is_channelscore_file(Path(p))]
    checked = check_folder(resolve_data_dir(data), [Path(p) for p in paths])
    problems = list(checked.problems)
    tally = StatementTally()
    for path in checked.workshops:
        problems += _workshop_problems(path, checked.catalog)
    if checked.catalog is not None:
        words = Words("en")
        if checked.channels_document is not None:
            problems += _catalog_expectation_problems(checked.catalog, checked.channels_document, words)
        documents = {sound.profile.id: sound.document for sound in checked.sound}
        failing: set[StatementKey] = set()
        inherited: dict[StatementKey, list[tuple[str, ExpectationCheck]]] = {}
        seen: dict[StatementKey, bool] = {}
        for sound in checked.sound:
            problems += _ranking_problems(checked.catalog, sound.profile, sound.document, words, failing, inherited)
            for expectation in sound.profile.expectations:
                seen[expectation.key()] = cites_study(expectation, checked.catalog.sources)
        problems += _inherited_problems(inherited, failing, documents, words)
        failing |= set(inherited)
        tally = StatementTally(sum(seen.values()), sum(1 for k, study in seen.items() if study and k in failing),
                               sum(not study for study in seen.values()),
                               sum(1 for k, study in seen.items() if not study and k in failing))
    from channelscore.errors import cap_problems

    found = cap_problems(sorted(set(problems)))
    return ValidationResult(tuple(checked.files), tuple(p for p in found if p.level != "note"),
                            tuple(p for p in found if p.level == "note"), tally)


def _workshop_problems(path: Path, catalog: Catalog | None) -> list[Problem]:
    """A workshop file's problems; its answers can only be checked against a sound catalog."""
    from channelscore.data.yaml_reader import load_file

    try:
        if catalog is None:
            load_file(path, str(path))
            return []
        _workshop(path, catalog, accept_inconsistent=False)
    except DataError as error:
        return list(error.problems)
    return []


def _catalog_expectation_problems(catalog: Catalog, document: Document, words: Words) -> list[Problem]:
    """The channels file's judgements on its ratings that its ratings contradict."""
    from channelscore.core.expectations import check_catalog

    return [problem for index, checked in check_catalog(catalog)
            if (problem := _expectation_problem(checked, index, document, words)) is not None]


def _expectation_problem(checked: ExpectationCheck, index: int, document: Document, words: Words) -> Problem | None:
    """An error for a judgement that fails; a note when it fails as recorded (``unmet``), a warning when a
    judgement recorded as unmet holds after all; nothing for a judgement that holds."""
    from channelscore.words.tell import expectation_failure

    expectation = checked.expectation
    if checked.holds and expectation.unmet is None:
        return None
    if checked.holds:
        return document.problem(("expectations", index, "unmet"), "expectation-now-holds",
                                f"\"{expectation.statement.get('en')}\" is recorded as unmet but holds",
                                hint="remove `unmet`, or check the ratings and weights it depends on",
                                at_key=True, level="warning")
    failure = f"\"{expectation.statement.get('en')}\" does not hold: {expectation_failure(words, checked)} " \
              f"[source: {expectation.source.get('en')}]"
    if expectation.unmet is not None:
        return document.problem(("expectations", index), "expectation-unmet",
                                f"{failure}; recorded as unmet: {expectation.unmet.get('en')}", level="note")
    return document.problem(("expectations", index), "expectation-failed", failure,
                            hint="check the ratings and weights this depends on, or the statement itself")


StatementKey = tuple[str | None, int]


def _inherited_problems(inherited: Mapping[StatementKey, list[tuple[str, ExpectationCheck]]],
                        failing: set[StatementKey], documents: Mapping[str, Document], words: Words) -> list[Problem]:
    """One warning per inherited statement that fails, in the file that states it, naming the profiles it fails
    in (a warning: the profile that extends chose its weights; ``--strict`` makes it fail CI); none for a
    statement already failing where it is stated. A scenario that departs from its base's statements is told
    in a note: that is what a what-if is for."""
    from channelscore.words.tell import expectation_failure

    problems = []
    for key, failures in inherited.items():
        stated_by, index = key
        if key in failing or stated_by is None or stated_by not in documents:
            continue
        document = documents[stated_by]
        statement = failures[0][1].expectation.statement.get("en")
        profiles = [profile for profile, _ in failures if not _is_scenario(documents.get(profile))]
        scenarios = [profile for profile, _ in failures if _is_scenario(documents.get(profile))]
        detail = expectation_failure(words, failures[0][1])
        if profiles:
            names = ", ".join(f"`{p}`" for p in profiles)
            problems.append(document.problem(
                ("expectations", index), "inherited-expectation-failed",
                f"\"{statement}\" does not hold in {names}, which extend{'s' if len(profiles) == 1 else ''} "
                f"`{stated_by}`: {detail}",
                hint="check the weights and ratings that profile changes, or let it extend a profile whose "
                     "statements it shares", level="warning"))
        if scenarios:
            names = ", ".join(f"`{p}`" for p in scenarios)
            problems.append(document.problem(("expectations", index), "scenario-departs",
                                             f"\"{statement}\" does not hold in scenario {names}", level="note"))
    return problems


def _is_scenario(document: Document | None) -> bool:
    return document is not None and ("base",) in document.key_positions


def _ranking_problems(catalog: Catalog, sound_profile: Profile, document: Document, words: Words,
                      failing: set[StatementKey],
                      inherited: dict[StatementKey, list[tuple[str, ExpectationCheck]]]) -> list[Problem]:
    """The expectations a profile's ranking contradicts, and a weight that decides the ranking alone; the
    statements it inherits that fail are added to ``inherited``, its own that fail to ``failing``."""
    from channelscore.core.decision import build_decision, rank_decision
    from channelscore.core.expectations import check_all

    excluded = {item.channel for item in sound_profile.not_applicable}
    if all(channel.id in excluded for channel in catalog.channels):
        return [document.problem(("not_applicable",), "no-channel-left",
                                 f"profile `{sound_profile.id}` declares every channel not applicable: nothing is "
                                 "left to rank", hint="remove the channels that do apply from `not_applicable`")]
    ranking = rank_decision(build_decision(catalog, sound_profile))
    problems = []
    for checked in check_all(sound_profile.expectations, ranking):
        expectation = checked.expectation
        if expectation.stated_by not in (None, sound_profile.id):
            if not checked.holds and expectation.unmet is None:
                inherited.setdefault(expectation.key(), []).append((sound_profile.id, checked))
            continue
        if not checked.holds and expectation.unmet is None:
            failing.add(expectation.key())
        if (problem := _expectation_problem(checked, expectation.position, document, words)) is not None:
            problems.append(problem)
    weights = ranking.decision.weights
    top = int(weights.argmax())
    if weights[top] >= DOMINANT_SHARE:
        criterion = ranking.decision.criteria[top].id
        loc: tuple[str | int, ...] = ("weights", criterion)
        if criterion not in (document.data or {}).get("weights", {}):
            loc = ("weights",)
        problems.append(document.problem(
            loc, "dominant-weight",
            f"criterion `{criterion}` carries {weights[top]:.0%} of the weight in profile `{sound_profile.id}`, "
            "so the ranking is little more than its ratings",
            hint="weigh the other criteria too, or rank with --weight to look at one criterion on purpose",
            at_key=len(loc) > 1, level="warning"))
    return problems


@dataclass(frozen=True, eq=False)
class WeightsResult(Record):
    """The weights a workshop agrees on, with the names of its criteria and where its profile was written."""

    weights: WorkshopWeights
    names: Mapping[str, Names] = field(default_factory=dict)
    written: str | None = None
    lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        from channelscore.render.json import weights_document

        return weights_document(self, Words(self.lang))


def _workshop(path: Path, catalog: Catalog, accept_inconsistent: bool) -> tuple[Any, WorkshopWeights]:
    """Read a workshop file and compute its weights; too inconsistent AHP judgments are errors unless accepted."""
    from channelscore.core.elicitation import CR_LIMIT, workshop_weights
    from channelscore.data.workshop import read_workshop

    answers = read_workshop(path, catalog)
    agreed = workshop_weights(answers.id, answers.base, answers.method, answers.weighting, answers.criteria,
                              answers.participants, answers.answers, answers.zero)
    if agreed.inconsistent and not accept_inconsistent:
        criteria = answers.criteria
        raise DataError([answers.document.problem(
            ("participants", item.participant, "judgments"), "inconsistent-judgments",
            f"participant `{answers.participants[item.participant]}` has a consistency ratio of "
            f"{item.consistency.cr:.3f}, above {CR_LIMIT:.2f}",
            hint="revisit " + "; ".join(f"{criteria[i]}/{criteria[j]} (given {_ratio(a)}, "
                                        f"the other answers imply about {_ratio(w)})" for i, j, a, w in item.offenders)
            + " — or pass --accept-inconsistent") for item in agreed.inconsistent])
    return answers, agreed


def _profile_texts(answers: Any, method: str) -> Any:
    """What a profile written from ``answers`` says, in English and in French."""
    from channelscore.data.workshop import ProfileTexts, printable

    def both(key: str, **values: str) -> Text:
        said = {}
        for lang in ("en", "fr"):
            words = Words(lang)
            count = len(answers.participants)
            filled = {**values, "method": words.method(method),
                      "count": words.say("participants_one") if count == 1
                      else words.say("participants_many", count=words.integer(count))}
            said[lang] = words.say(key, **filled)
        return Text(en=said["en"], fr=said["fr"])

    workshop = answers.id
    return ProfileTexts(reason=both("workshop_weight_reason", workshop=workshop),
                        left_out=both("workshop_left_out", workshop=workshop),
                        description=both("workshop_description", workshop=workshop),
                        source=both("workshop_source", file=printable(Path(answers.document.display).name)))


def _ratio(value: float) -> str:
    return f"{value:.2g}" if value >= 1 - 1e-9 else f"1/{1 / value:.2g}"


def weights(catalog: Catalog, workshop: str | Path, accept_inconsistent: bool = False,
            output: str | Path | None = None, force: bool = False, lang: str = "en") -> WeightsResult:
    """Turn a weighting workshop's answers into weights; with ``output``, write them as a profile extending the
    workshop's base (never over an existing file unless ``force``), checked to load like any other."""
    from channelscore.data.files import is_regular_file

    source = Path(workshop)
    if not is_regular_file(source):
        raise RequestError(f"workshop file `{source}` does not exist",
                           hint="the README's section on weighting workshops shows its format")
    answers, agreed = _workshop(source, catalog, accept_inconsistent)
    written = None
    if output is not None:
        from channelscore.data.catalog import profile_from_text
        from channelscore.data.output import write_new_file
        from channelscore.data.workshop import profile_text

        target = Path(output)
        text = profile_text(answers, [float(w) for w in agreed.weights], _profile_texts(answers, agreed.method))
        profile_from_text(text, target, catalog)  # it must load and resolve like any other, before it is written
        write_new_file(target, text, force)
        written = str(output)
    names = {c.id: c.names for c in catalog.criteria}
    for item in catalog.profiles.values():
        names.update({c.id: c.names for c in item.extra_criteria})
    return WeightsResult(agreed, names, written, lang)


@dataclass(frozen=True, eq=False)
class ReportResult(Record):
    """A client report's content, ready to be written as HTML or Markdown."""

    content: Any
    lang: str = "en"
    cover: Any = None

    def blocks(self) -> Any:
        """The report's sections as blocks, in its language."""
        from channelscore.render.document import blocks

        return blocks(self.content, Words(self.lang), self.cover)

    def to_html(self) -> str:
        from channelscore.render.document import to_html

        return to_html(self.blocks(), self.lang)

    def to_markdown(self) -> str:
        from channelscore.render.document import to_markdown

        return to_markdown(self.blocks(), Words(self.lang).colon)

    def to_docx(self) -> bytes:
        """The report as a Word document."""
        from channelscore.render.word import to_docx

        return to_docx(self.blocks(), self.lang, self.cover)

    def _repr_html_(self) -> str:
        from channelscore.render.document import fragment

        return fragment(self.blocks())

    def write(self, path: str | Path, force: bool = False) -> Path:
        """Write the report to ``path`` (``.html``, ``.md`` or ``.docx``), all at once, never over a file unless
        ``force``."""
        from channelscore.data.output import write_new_file

        target = Path(path)
        kind = report_kind(target)
        content: str | bytes = self.to_docx() if kind == "docx" else \
            self.to_html() if kind == "html" else self.to_markdown()
        write_new_file(target, content, force)
        return target


def report_kind(path: Path) -> str:
    """``html``, ``markdown`` or ``docx``, from a report file's extension."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix == ".docx":
        return "docx"
    raise RequestError(f"cannot tell the format of `{path}`", hint="name it FILE.html, FILE.md or FILE.docx")


def client_report(catalog: Catalog, name: ProfileName = "balanced", weights: Mapping[str, float] | None = None,
                  compare_with: Sequence[ProfileName] = (), lang: str = "en", samples: int = DEFAULT_SAMPLES,
                  seed: int = DEFAULT_SEED, concentration: float | None = REPORT_CONCENTRATION,
                  rating_noise: float = 0.0, title: str | None = None, client: str | None = None,
                  author: str | None = None, date: str | None = None) -> ReportResult:
    """Everything a client report of profile ``name`` shows (weights, ranking, charts, mix, sensitivity,
    expectations, sources), compared with the profiles ``compare_with`` if any. Its sensitivity draws weights
    around the profile's (``concentration``; None draws them uniformly) and moves ratings with ``rating_noise``.
    The title block shows ``title`` (else one from the profile), ``client``, ``author`` and ``date``
    (``YYYY-MM-DD``, today by default)."""
    import datetime

    from channelscore.core.client_report import gather
    from channelscore.render.document import Cover

    if date is not None:
        try:
            date = datetime.date.fromisoformat(date).isoformat()
        except ValueError:
            raise RequestError(f"`{date}` is not a date", hint="write it YYYY-MM-DD, e.g. 2026-11-28") from None
    ranking = decide(catalog, name, weights)
    others = [decide(catalog, other, weights) for other in compare_with]
    cover = Cover(date or datetime.date.today().isoformat(), title, client, author)
    return ReportResult(gather(catalog, ranking, others, samples, seed, concentration, rating_noise), lang, cover)

