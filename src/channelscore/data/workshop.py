"""A weighting workshop's answers file: checked with located problems, and the profile it agrees on written out.

The file names a base profile, the method (ranking, AHP or swing) and each participant's
answers; the weights themselves are computed by :mod:`channelscore.core.elicitation`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from channelscore import model
from channelscore.data.formats import Participant, WorkshopFile, text_record
from channelscore.data.shape import validate_model
from channelscore.data.yaml_reader import Document, load_file
from channelscore.errors import DataError, Problem, suggestion

_RECIPROCAL = re.compile(r"^1/([1-9])$")

Matrix = list[list[float]]


class WorkshopAnswers(NamedTuple):
    """A checked workshop file: which criteria were weighed, how, and each participant's answers.

    ``answers`` holds, per participant, the places of each criterion (ranking), its swing points,
    or the complete reciprocal matrix of the AHP judgments; ``zero`` the criteria left out.
    """

    id: str
    base: str
    names: model.Names | None
    description: model.Text | None
    method: str
    weighting: str
    criteria: tuple[str, ...]
    zero: tuple[str, ...]
    participants: tuple[str, ...]
    answers: tuple[Any, ...]
    document: Document


def read_workshop(path: Path, catalog: model.Catalog) -> WorkshopAnswers:
    """Check the workshop file ``path`` against ``catalog``; a DataError lists every problem."""
    document = load_file(path, str(path))
    problems: list[Problem] = []
    workshop = validate_model(document, WorkshopFile, problems)
    if workshop is None:
        raise DataError(problems)
    known = _known_criteria(workshop, document, catalog, problems)
    criteria = list(workshop.criteria) if workshop.criteria is not None else known
    for index, name in enumerate(workshop.criteria or []):
        if name not in known:
            problems.append(_unknown(document, ("criteria", index), name, known))
    if len(set(criteria)) < 2:
        problems.append(document.problem(("criteria",) if workshop.criteria is not None else ("participants",),
                                         "too-few-criteria", "weights need at least two criteria to compare",
                                         hint="list two criteria or more under `criteria`"))
    if problems:
        raise DataError(problems)
    method = workshop.method
    answers: list[Any] = []
    for index, participant in enumerate(workshop.participants):
        loc = ("participants", index)
        if method == "ranking":
            answers.append(_ranking(participant, document, loc, criteria, problems))
        elif method == "swing":
            answers.append(_swing(participant, document, loc, criteria, problems))
        else:
            answers.append(_judgments(participant, document, loc, criteria, problems))
    if problems:
        raise DataError(problems)
    weighting = {"ranking": workshop.ranking_method, "ahp": workshop.ahp_method, "swing": "swing"}[method]
    lang = workshop.language
    return WorkshopAnswers(workshop.id, workshop.base, text_record(workshop.names, lang) if workshop.names else None,
                           text_record(workshop.description, lang) if workshop.description else None, method, weighting,
                           tuple(criteria),
                           tuple(c for c in known if c not in criteria), tuple(p.name for p in workshop.participants),
                           tuple(answers), document)


def _known_criteria(workshop: WorkshopFile, document: Document, catalog: model.Catalog,
                    problems: list[Problem]) -> list[str]:
    names = [c.id for c in catalog.criteria]
    base_id = catalog.aliases.get(workshop.base, workshop.base)
    if base_id not in catalog.profiles and base_id not in catalog.unusable:
        problems.append(document.problem(("base",), "extends-unknown", f"profile `{workshop.base}` named by `base` "
                                         "does not exist", hint=suggestion(workshop.base, catalog.profile_names())
                                         or "profiles: " + ", ".join(sorted({*catalog.profiles,
                                                                             *catalog.unusable}))))
        return names
    base = catalog.profile(base_id)
    return names + [c.id for c in base.extra_criteria]


def _unknown(document: Document, loc: tuple[str | int, ...], name: str, known: list[str]) -> Problem:
    return document.problem(loc, "unknown-criterion", f"unknown criterion `{name}`",
                            hint=suggestion(name, known) or "known criteria: " + ", ".join(known))


def _missing(document: Document, loc: tuple[str | int, ...], participant: Participant, what: str) -> Problem:
    return document.problem(loc, "missing-judgment", f"participant `{participant.name}` gives no {what}",
                            hint=f"a workshop with this method needs `{what}` for every participant")


def _ranking(participant: Participant, document: Document, loc: tuple[str | int, ...], criteria: list[str],
             problems: list[Problem]) -> list[list[int]]:
    """For each criterion, the places it shares with the criteria tied with it."""
    if participant.ranking is None:
        problems.append(_missing(document, loc, participant, "ranking"))
        return []
    places: dict[str, list[int]] = {}
    place = 1
    for index, entry in enumerate(participant.ranking):
        group = [entry] if isinstance(entry, str) else list(entry)
        shared = list(range(place, place + len(group)))
        for position, name in enumerate(group):
            at = (*loc, "ranking", index) if isinstance(entry, str) else (*loc, "ranking", index, position)
            if name not in criteria:
                problems.append(_unknown(document, at, name, criteria))
            elif name in places:
                problems.append(document.problem(at, "duplicate-id", f"criterion `{name}` is ranked twice",
                                                 hint="rank each criterion once; put tied criteria in one list"))
            else:
                places[name] = shared
        place += len(group)
    missing = [c for c in criteria if c not in places]
    if missing:
        problems.append(document.problem((*loc, "ranking"), "missing-judgment",
                                         f"participant `{participant.name}` does not rank " +
                                         ", ".join(f"`{m}`" for m in missing),
                                         hint="rank every criterion of the workshop, ties in a list: [a, b]"))
    return [places.get(c, [1]) for c in criteria]


def _swing(participant: Participant, document: Document, loc: tuple[str | int, ...], criteria: list[str],
           problems: list[Problem]) -> list[float]:
    if participant.swing is None:
        problems.append(_missing(document, loc, participant, "swing"))
        return []
    for name, points in participant.swing.items():
        if name not in criteria:
            problems.append(_unknown(document, (*loc, "swing", name), name, criteria))
        elif not 0 <= points <= 100:
            problems.append(document.problem((*loc, "swing", name), "off-scale",
                                             f"swing points of `{name}` are {points:g}, not 0 to 100",
                                             hint="score each swing from 0 to 100 against the most important"))
    missing = [c for c in criteria if c not in participant.swing]
    if missing:
        problems.append(document.problem((*loc, "swing"), "missing-judgment",
                                         f"participant `{participant.name}` gives no swing points to " +
                                         ", ".join(f"`{m}`" for m in missing),
                                         hint="score every criterion of the workshop, 0 if its swing does not matter"))
    elif max(participant.swing.values(), default=0) != 100:
        problems.append(document.problem((*loc, "swing"), "off-scale",
                                         "the most important swing must score 100 (the reference)",
                                         hint="give 100 to the swing that matters most and score the others "
                                         "against it"))
    return [participant.swing.get(c, 0.0) for c in criteria]


def _scale_value(value: int | str) -> float | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9:
        return float(value)
    match = _RECIPROCAL.match(value) if isinstance(value, str) else None
    return 1.0 / int(match.group(1)) if match else None


def _judgments(participant: Participant, document: Document, loc: tuple[str | int, ...], criteria: list[str],
               problems: list[Problem]) -> Matrix:
    n = len(criteria)
    matrix = [[1.0] * n for _ in range(n)]
    given: dict[tuple[int, int], tuple[float, int]] = {}
    if participant.judgments is None:
        problems.append(_missing(document, loc, participant, "judgments"))
        return matrix
    for index, judgment in enumerate(participant.judgments):
        at = (*loc, "judgments", index)
        bad = [(key, name) for key, name in (("a", judgment.a), ("b", judgment.b)) if name not in criteria]
        for key, name in bad:
            problems.append(_unknown(document, (*at, key), name, criteria))
        value = _scale_value(judgment.value)
        if value is None:
            problems.append(document.problem((*at, "value"), "off-scale",
                                             f"`{judgment.value}` is not on Saaty's scale",
                                             hint="an integer 1 to 9, or \"1/2\" to \"1/9\" when b matters more"))
        if bad or value is None:
            continue
        if judgment.a == judgment.b:
            problems.append(document.problem(at, "invalid-value", f"`{judgment.a}` is compared with itself",
                                             hint="compare two different criteria"))
            continue
        i, j = criteria.index(judgment.a), criteria.index(judgment.b)
        pair, oriented = ((i, j), value) if i < j else ((j, i), 1.0 / value)
        if pair in given:
            earlier, line = given[pair]
            if abs(earlier - oriented) > 1e-12:
                problems.append(document.problem(at, "contradicting-judgment",
                                                 f"`{judgment.a}` against `{judgment.b}` contradicts the judgment "
                                                 f"on line {line}", hint="keep one judgment per pair"))
            continue
        given[pair] = (oriented, document.locate(at).line)
        first, second = pair
        matrix[first][second], matrix[second][first] = oriented, 1.0 / oriented
    missing = [f"{criteria[i]}/{criteria[j]}" for i in range(n) for j in range(i + 1, n) if (i, j) not in given]
    if missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        problems.append(document.problem((*loc, "judgments"), "missing-judgment",
                                         f"participant `{participant.name}` leaves {len(missing)} of "
                                         f"{n * (n - 1) // 2} pairs uncompared: {shown}",
                                         hint="AHP here needs every pair compared once; incomplete sets are refused"))
    return matrix


class ProfileTexts(NamedTuple):
    """What a profile written from a workshop says, in both languages: the reason of an agreed weight and of a
    criterion left out, the description when the workshop gives none, and the source."""

    reason: model.Text
    left_out: model.Text
    description: model.Text
    source: model.Text


def profile_text(workshop: WorkshopAnswers, weights: Sequence[float], texts: ProfileTexts) -> str:
    """The profile the workshop agreed on (``weights`` of its criteria), as YAML that ``validate`` accepts,
    every text in English and in French."""
    import yaml

    agreed: dict[str, dict[str, Any]] = {c: {"value": round(float(w), 4), "reason": _both(texts.reason)}
                                         for c, w in zip(workshop.criteria, weights, strict=True)}
    agreed.update({c: {"value": 0, "reason": _both(texts.left_out)} for c in workshop.zero})
    document = {
        "format": "channelscore/profile@1",
        "id": workshop.id,
        "names": _both(workshop.names) if workshop.names else {"en": workshop.id, "fr": workshop.id},
        "description": _both(workshop.description or texts.description),
        "source": _both(texts.source),
        "extends": workshop.base,
        "weights": agreed,
    }
    header = f"# Written by `channelscore weights {printable(Path(workshop.document.display).name)}`; edit the " \
             "workshop file and run it again.\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=110)


def printable(name: str) -> str:
    """A file name as it can stand in YAML: a line break, a control or an undecodable byte would start a new
    line in the header comment and would not survive a round trip in `source`."""
    return "".join(character if character.isprintable() else "?" for character in name)


def _both(text: model.Text) -> dict[str, str]:
    return {lang: value for lang, value in (("en", text.en), ("fr", text.fr)) if value is not None}
