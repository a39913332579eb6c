"""Rules across files (unique ids, complete ratings, known names, weights after inheritance) as located problems."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

from pydantic import BaseModel

from channelscore.data.formats import Channel, ChannelsFile, Expectation, LangText, ProfileFile
from channelscore.data.yaml_reader import Document, dotted
from channelscore.errors import Problem, suggestion
from channelscore.model import RATING_KINDS, Profile


class KnownNames(NamedTuple):
    """The criterion, channel and trait names a profile may use, from the criteria and channels files;
    ``criteria`` maps each criterion to its group.

    ``None`` when some entry of the file is invalid: its true name is then unknown, and checking
    names against the others would only blame the profiles for the file's own problem.
    """

    criteria: dict[str, str] | None
    channels: list[str] | None
    traits: list[str] | None
    rated_extra: Mapping[str, frozenset[str]] = {}


def catalog_problems(criterion_ids: Sequence[tuple[int, str]], criteria_doc: Document,
                     channel_ids: Sequence[tuple[int, str]], channels: Sequence[tuple[int, Channel]],
                     channels_doc: Document) -> list[Problem]:
    """Unique ids, and every channel rating every criterion exactly once.

    Ids come with the index of their entry in the file; ``channels`` are the entries whose
    shape is valid (the others already have their own problems).
    """
    problems = _duplicates([(name, ("criteria", i, "id")) for i, name in criterion_ids], criteria_doc, "criterion")
    problems += _duplicates([(name, ("channels", i, "id")) for i, name in channel_ids], channels_doc, "channel")
    known = [name for _, name in criterion_ids]
    for index, channel in channels:
        loc = ("channels", index, "ratings")
        problems += _rating_coverage(channel.ratings, known, channels_doc, loc, f"channel `{channel.id}`", "criterion")
    return problems


def uniform_criterion_problems(criteria: Sequence[tuple[int, str]], channels: Sequence[Channel],
                               document: Document) -> list[Problem]:
    """Warnings for study criteria on which every channel has the same rating: they cannot separate channels."""
    problems = []
    for index, criterion in criteria:
        ratings = {channel.ratings[criterion].rating for channel in channels if criterion in channel.ratings}
        if len(channels) > 1 and len(ratings) == 1:
            problems.append(_uniform(document, ("criteria", index, "id"), criterion, ratings.pop()))
    return problems


def _uniform(document: Document, loc: tuple[str | int, ...], criterion: str, rating: int) -> Problem:
    return document.problem(loc, "uniform-criterion",
                            f"every channel rates {rating} on criterion `{criterion}`, so its weight changes no rank",
                            hint="check the ratings: a criterion that does not separate channels adds nothing",
                            level="warning")


def _duplicates(entries: Sequence[tuple[str, tuple[str | int, ...]]], document: Document, what: str) -> list[Problem]:
    problems = []
    first_seen: dict[str, tuple[str | int, ...]] = {}
    for identifier, loc in entries:
        if identifier in first_seen:
            first = document.locate(first_seen[identifier])
            problems.append(document.problem(loc, "duplicate-id",
                                             f"{what} `{identifier}` is defined twice (first on line {first.line})",
                                             hint="ids must be unique; rename or merge one of them"))
        else:
            first_seen[identifier] = loc
    return problems


def _rating_coverage(ratings: Iterable[str], expected: Sequence[str], document: Document,
                     loc: tuple[str | int, ...], owner: str, what: str,
                     rated_elsewhere: Collection[str] = (), elsewhere: str = "") -> list[Problem]:
    """Every name rated is known, and every expected one is rated (here, or in ``rated_elsewhere``)."""
    problems = []
    given = list(ratings)
    for name in given:
        if name not in expected:
            hint = suggestion(name, list(expected)) or f"known {_PLURAL.get(what, what + 's')}: " + ", ".join(expected)
            problems.append(document.problem((*loc, name), f"unknown-{what}", f"{owner} rates unknown {what} `{name}`",
                                             hint=hint, at_key=True))
    for name in expected:
        if name not in given and name not in rated_elsewhere:
            hint = f"add `{name}: {{rating: 1|2|3, reason: ...}}`" + (f"{elsewhere}" if elsewhere else "")
            problems.append(document.problem(loc, "missing-rating", f"{owner} has no rating for {what} `{name}`",
                                             hint=hint, at_key=True))
    return problems


def extra_rating_problems(entries: Sequence[tuple[int, object]], document: Document,
                          defined: Collection[str]) -> list[Problem]:
    """A channel's ``extra_ratings`` name extra criteria that some profile defines."""
    problems = []
    for index, entry in entries:
        for name in getattr(entry, "extra_ratings", {}) or {}:
            if name not in defined:
                problems.append(document.problem(
                    ("channels", index, "extra_ratings", name), "unknown-criterion",
                    f"no profile defines the extra criterion `{name}`", at_key=True,
                    hint=suggestion(name, sorted(defined)) or "extra criteria: " + ", ".join(sorted(defined))))
    return problems


def profile_identity_problems(profiles: Sequence[tuple[ProfileFile, Document]]) -> list[Problem]:
    """Profile ids and aliases are unique across all files; both places are named."""
    problems = []
    seen: dict[str, tuple[Document, tuple[str | int, ...]]] = {}
    for model, document in profiles:
        names: list[tuple[str, tuple[str | int, ...]]] = [(model.id, ("id",))]
        names += [(alias, ("aliases", i)) for i, alias in enumerate(model.aliases)]
        for name, loc in names:
            if name in seen:
                other_doc, other_loc = seen[name]
                other = other_doc.locate(other_loc)
                problems.append(document.problem(
                    loc, "duplicate-id",
                    f"profile name `{name}` is already used at {other_doc.display}:{other.line}:{other.column}",
                    hint="profile ids and aliases must be unique across all profile files"))
            else:
                seen[name] = (document, loc)
    return problems


def profile_problems(model: ProfileFile, document: Document, known: KnownNames) -> list[Problem]:
    """Every name a profile file uses refers to a known criterion, channel, trait or family.

    The criteria of a profile that extends another are checked once the chain is resolved
    (:func:`resolved_profile_problems`): it may use the extra criteria of its parents.
    """
    problems: list[Problem] = []
    if known.criteria is not None:
        problems += _extra_criteria_problems(model, document, known.criteria, known.channels, known.rated_extra)
        if model.extends is None:
            problems += criterion_name_problems(model, document, [*known.criteria,
                                                                   *(c.id for c in model.extra_criteria)])
    if known.channels is not None and known.traits is not None:
        problems += _channel_name_problems(model, document, known.channels, known.traits)
    return problems


def _extra_criteria_problems(model: ProfileFile, document: Document, core_ids: Iterable[str],
                             channel_ids: list[str] | None,
                             rated_extra: Mapping[str, frozenset[str]] = {}) -> list[Problem]:
    problems = []
    for index, extra in enumerate(model.extra_criteria):
        if extra.id in core_ids:
            problems.append(document.problem(("extra_criteria", index, "id"), "duplicate-id",
                                             f"extra criterion `{extra.id}` has the id of a study criterion",
                                             hint="give the sector's criterion an id of its own"))
        if channel_ids is not None:
            self_rated = [c for c, rated in rated_extra.items() if extra.id in rated]
            problems += _rating_coverage(extra.ratings, channel_ids, document, ("extra_criteria", index, "ratings"),
                                         f"extra criterion `{extra.id}`", "channel", self_rated,
                                         f" here, or `{extra.id}` under the channel's `extra_ratings`")
        ratings = {rated.rating for rated in extra.ratings.values()}
        if len(extra.ratings) > 1 and len(ratings) == 1:
            problems.append(_uniform(document, ("extra_criteria", index, "id"), extra.id, ratings.pop()))
    return problems


def criterion_name_problems(model: ProfileFile, document: Document, known: list[str]) -> list[Problem]:
    """The criteria named by a profile's weights and adjustments that are not in ``known``."""
    problems = [_unknown(document, ("weights", name), "criterion", name, known, at_key=True)
                for name in model.weights if name not in known]
    problems += [_unknown(document, ("adjustments", i, "criterion"), "criterion", a.criterion, known)
                 for i, a in enumerate(model.adjustments) if a.criterion not in known]
    problems += [_unknown(document, ("expectations", i, "criterion"), "criterion", e.criterion, known)
                 for i, e in enumerate(model.expectations) if e.criterion is not None and e.criterion not in known]
    return problems


def _channel_name_problems(model: ProfileFile, document: Document, channel_ids: list[str],
                           traits: list[str]) -> list[Problem]:
    problems = []
    for index, adjustment in enumerate(model.adjustments):
        if adjustment.channel is not None and adjustment.channel not in channel_ids:
            problems.append(_unknown(document, ("adjustments", index, "channel"), "channel", adjustment.channel,
                                     channel_ids))
        if adjustment.trait is not None and adjustment.trait not in traits:
            problems.append(_unknown(document, ("adjustments", index, "trait"), "trait", adjustment.trait, traits))
    for index, item in enumerate(model.not_applicable):
        if item.channel not in channel_ids:
            problems.append(_unknown(document, ("not_applicable", index, "channel"), "channel", item.channel,
                                     channel_ids))
    for index, expectation in enumerate(model.expectations):
        problems += _expectation_name_problems(expectation, index, document, channel_ids, traits)
    return problems


def _expectation_name_problems(expectation: Expectation, index: int, document: Document, channel_ids: list[str],
                               traits: list[str]) -> list[Problem]:
    problems = []
    for field in ("channels", "than"):
        for position, channel in enumerate(getattr(expectation, field) or []):
            if channel not in channel_ids:
                problems.append(_unknown(document, ("expectations", index, field, position), "channel", channel,
                                         channel_ids))
    if expectation.trait is not None and expectation.trait not in traits:
        problems.append(_unknown(document, ("expectations", index, "trait"), "trait", expectation.trait, traits))
    return problems


def channels_expectation_problems(channels: ChannelsFile, document: Document, criteria: Sequence[str]) -> list[Problem]:
    """The channels file's expectations speak about ratings, with known names: a ranking needs a profile."""
    channel_ids = [channel.id for channel in channels.channels]
    traits = sorted({trait for channel in channels.channels for trait in channel.traits})
    problems = []
    for index, expectation in enumerate(channels.expectations):
        if expectation.kind not in RATING_KINDS:
            problems.append(document.problem(
                ("expectations", index, "kind"), "invalid-value",
                f"`{expectation.kind}` is about a ranking, which depends on a profile's weights",
                hint="state it in the profile it is about; the channels file takes the rating kinds: "
                     + ", ".join(RATING_KINDS)))
        if expectation.criterion is not None and expectation.criterion not in criteria:
            problems.append(_unknown(document, ("expectations", index, "criterion"), "criterion",
                                     expectation.criterion, criteria))
        problems += _expectation_name_problems(expectation, index, document, channel_ids, traits)
    return problems


_PLURAL = {"criterion": "criteria"}


def _unknown(document: Document, loc: tuple[str | int, ...], what: str, name: str, choices: Sequence[str],
             at_key: bool = False) -> Problem:
    unique = list(dict.fromkeys(choices))
    hint = suggestion(name, unique) or f"known {_PLURAL.get(what, what + 's')}: " + ", ".join(unique)
    return document.problem(loc, f"unknown-{what}", f"unknown {what} `{name}`", hint=hint, at_key=at_key)


def resolved_profile_problems(profile: Profile, criteria: Mapping[str, str], own: ProfileFile,
                              document: Document) -> list[Problem]:
    """After inheritance: the criteria named by the profile's own file known (its own extra criteria
    and those it inherits included), every criterion weighted, and some weight that counts.

    ``criteria`` maps the study's criteria to their group; ``own`` and ``document`` are the profile's
    file, where every problem is located: its parents are checked on their own.
    """
    groups = {**criteria, **{c.id: c.group for c in profile.extra_criteria}}
    problems = criterion_name_problems(own, document, list(groups))
    missing = [name for name in groups if name not in profile.weights]
    if missing:
        problems.append(document.problem(("weights",), "missing-weight",
                                         f"profile `{own.id}` gives no weight to " +
                                         ", ".join(f"`{m}`" for m in missing),
                                         hint="give every criterion a weight (0 to ignore it); "
                                         "a profile can inherit weights with `extends`"))
    elif not problems:
        problems += _weight_that_counts_problems(profile, groups, document)
    return problems


def _weight_that_counts_problems(profile: Profile, groups: Mapping[str, str], document: Document) -> list[Problem]:
    """Some positive weight must count: in a group whose share is above zero, when there is a split."""
    split = profile.group_split
    positive = {groups[name] for name, spec in profile.weights.items() if spec.value > 0 and name in groups}
    if not positive:
        return [document.problem(("weights",), "zero-weights", "every weight is zero",
                                 hint="give at least one criterion a positive weight")]
    if split is None or any(getattr(split, group) > 0 for group in positive):
        return []
    zero_share = next(group for group in ("client", "enterprise") if getattr(split, group) == 0)
    other = "enterprise" if zero_share == "client" else "client"
    # Located at the share when this file sets it, else at the weights that leave nothing counting.
    loc: tuple[str, ...] = ("group_split", zero_share) if ("group_split", zero_share) in document.positions \
        else ("weights",)
    return [document.problem(loc, "zero-weights",
                             f"no weight counts: the {zero_share} share is 0 and every {other} weight is 0",
                             hint=f"give the {zero_share} criteria a share above 0, or an {other} criterion a "
                             "positive weight")]


# The fields whose strings are texts for people, to be read in English and in French.
_HUMAN_FIELDS = frozenset({"names", "description", "reason", "source", "statement", "unmet", "best_practices",
                           "titles", "short", "good", "poor", "title"})
_LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def translation_problems(file_model: BaseModel, document: Document) -> list[Problem]:
    """A warning for each language some texts of the file are not written in, at the first such text:
    ``--lang`` then shows them in the other language, marked."""
    plain = getattr(file_model, "language", "en")
    missing: dict[str, list[tuple[str | int, ...]]] = {"en": [], "fr": []}
    for loc, languages in _texts(file_model, (), plain):
        for lang in missing:
            if lang not in languages:
                missing[lang].append(loc)
    problems = []
    for lang, locs in missing.items():
        if not locs:
            continue
        count, shown = (f"{len(locs)} texts have", "they are") if len(locs) > 1 else ("1 text has", "it is")
        other = "fr" if lang == "en" else "en"
        problems.append(document.problem(
            locs[0], "incomplete-translation",
            f"{count} no {_LANGUAGE_NAMES[lang]} version, the first `{dotted(locs[0])}`; with --lang {lang} {shown} "
            f"shown in {_LANGUAGE_NAMES[other]}, marked [{other}]",
            hint=f"write each text as {{en: ..., fr: ...}}; a plain string is in the file's `language` ({plain})",
            level="warning"))
    return problems


def _texts(value: object, loc: tuple[str | int, ...], plain: str,
           human: bool = False) -> Iterable[tuple[tuple[str | int, ...], set[str]]]:
    """Every text of ``value`` with the languages it is written in; ``human`` when ``value`` sits in a text field."""
    if isinstance(value, LangText):
        yield loc, {lang for lang in ("en", "fr") if getattr(value, lang) is not None}
    elif isinstance(value, str):
        if human:
            yield loc, {plain}
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name), plain, name in _HUMAN_FIELDS)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index), plain, human)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key), plain, human)
