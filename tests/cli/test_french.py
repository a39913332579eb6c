"""Every command in French over the shipped data: no English word of the data's English texts, no number in
English format, and every text of the shipped data written in both languages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore import api
from channelscore.cli import app
from channelscore.model import Catalog, Text
from channelscore.words.sentences import SENTENCES, TRAITS

WORKSHOP = Path(__file__).resolve().parents[1] / "data" / "workshops" / "swing.yaml"
WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*")
# What the seeds say in their own words is quoted, in French and now and then in English ("Less is more").
QUOTED = re.compile(r'"[^"]*"|«[^»]*»')
ENGLISH_NUMBER = re.compile(r"\d\.\d|\d%|\d[ ]%")


def data_texts(catalog: Catalog) -> Iterator[Text | None]:
    """Every text of the catalog: names, descriptions, reasons, best practices, statements, arguments, citations."""
    for criterion in catalog.criteria:
        yield from (criterion.names, criterion.description, criterion.source)
        if criterion.poles is not None:
            yield from criterion.poles
    for channel in catalog.channels:
        yield channel.names
        yield from channel.best_practices
        for rated in channel.ratings.values():
            yield from (rated.reason, rated.source)
    for expectation in catalog.expectations:
        yield from (expectation.statement, expectation.source, expectation.unmet)
    for profile in catalog.profiles.values():
        yield from (profile.names, profile.description, profile.source)
        for weight in profile.weights.values():
            yield from (weight.reason, weight.source)
        if profile.group_split is not None:
            yield from (profile.group_split.reason, profile.group_split.source)
        for adjustment in profile.adjustments:
            yield from (adjustment.reason, adjustment.source)
        for extra in profile.extra_criteria:
            yield from (extra.names, extra.description, extra.source)
            for rated in extra.ratings.values():
                yield from (rated.reason, rated.source)
        for item in profile.not_applicable:
            yield from (item.reason, item.source)
        for expectation in profile.expectations:
            yield from (expectation.statement, expectation.source, expectation.unmet)
    for source in catalog.sources:
        yield from (source.titles, source.short)


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(QUOTED.sub(" ", text))}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return api.load_catalog()


@pytest.fixture(scope="module")
def english_words(catalog: Catalog) -> set[str]:
    """The words of the data's English texts that none of its French texts nor the French sentences use."""
    texts = [text for text in data_texts(catalog) if text is not None]
    english = set().union(*(words(text.en or "") for text in texts))
    french = set().union(*(words(text.fr or "") for text in texts))
    for sentence in [*SENTENCES["fr"].values(), *TRAITS["fr"].values()]:
        french |= words(sentence)
    return {word for word in english - french if len(word) >= 3}


def test_the_shipped_data_is_complete_in_both_languages(catalog: Catalog) -> None:
    texts = [text for text in data_texts(catalog) if text is not None]
    assert len(texts) > 1000
    assert [text for text in texts if text.en is None or text.fr is None] == []
    assert api.validate().warnings == 0  # no incomplete-translation warning either


def test_the_english_vocabulary_is_large_enough_to_catch_a_leak(english_words: set[str]) -> None:
    # Words that only the English texts use; a single untranslated reason would show several of them.
    assert len(english_words) > 800
    assert {"complaint", "staff", "waiting", "cheaper", "journey"} <= english_words


def french_runs(catalog: Catalog, tmp: Path) -> Iterator[tuple[list[str], Path | None]]:
    """Every command and output form a French reader meets, with the file it writes, if any."""
    for profile in sorted(catalog.profiles):
        yield ["rank", "--profile", profile], None
        yield ["rank", "--profile", profile, "--format", "markdown"], None
        yield ["portfolio", "--profile", profile], None
    yield ["rank", "--profile", "retail", "--excel"], None
    yield ["rank", "--profile", "retail", "-w", "trust=5"], None
    for channel in catalog.channels:
        yield ["explain", channel.id, "--profile", "seniors"], None
    yield ["explain", "phone", "--profile", "retail", "--vs", "email"], None
    # A composition: its explanation, the statements set aside, a given mix.
    yield ["explain", "callback", "--profile", "retail+urgent"], None
    yield ["list", "expectations", "--profile", "retail+urgent"], None
    yield ["portfolio", "--profile", "retail", "--mix", "face_to_face,phone,email"], None
    for what in ("criteria", "channels", "profiles", "expectations"):
        yield ["list", what], None
    yield ["compare", "retail", "b2b", "seniors"], None
    yield ["compare", "retail", "b2b", "--format", "markdown"], None
    yield ["compare", "retail", "b2b", "--excel"], None
    yield ["sensitivity", "--profile", "retail", "--samples", "2000"], None
    yield ["portfolio", "--profile", "b2b", "--excel"], None
    yield ["weights", str(WORKSHOP)], None
    written = tmp / "atelier.yaml"
    yield ["weights", str(WORKSHOP), "-o", str(written)], None
    yield ["rank", "--profile", str(written)], None
    for name in ("rapport.html", "rapport.md", "rapport.docx"):
        yield ["report", "--profile", "retail", "--compare", "seniors", "-o", str(tmp / name)], tmp / name
    yield ["report", "--profile", "retail+urgent", "-o", str(tmp / "composition.md")], tmp / "composition.md"


def read_back(path: Path) -> str:
    """The text of a written report: the file itself, or a Word document's paragraphs and table cells."""
    if path.suffix != ".docx":
        return path.read_text(encoding="utf-8")
    import docx

    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_every_command_speaks_french_throughout(catalog: Catalog, english_words: set[str], tmp_path: Path) -> None:
    ids = {c.id for c in catalog.criteria} | {c.id for c in catalog.channels} | set(catalog.profile_names())
    ids |= set(catalog.traits) | {"swing", "acme-swing"}
    runner = CliRunner()
    leaks: dict[str, list[str]] = {}
    for args, written in french_runs(catalog, tmp_path):
        result = runner.invoke(app, [*args, "--lang", "fr"], env={"COLUMNS": "300"})
        assert result.exit_code == 0, (args, result.output)
        output = result.output + (read_back(written) if written is not None else "")
        # Markup and embedded images are not read; a participant's name is the workshop's, not the data's.
        output = re.sub(r"<style>.*?</style>|<[^>]*>|data:image/[^\"')]*", " ", output, flags=re.S)
        output = output.replace("Product owner", " ")
        numbers = ENGLISH_NUMBER.findall(QUOTED.sub(" ", output))
        # Ids (`face_to_face`, `phone.trust 3→2`, a profile given by path) are names of the data, not English.
        output = re.sub(r"[\w./-]*\.ya?ml|\b[a-z_]+\.[a-z_]+|[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+", " ", output)
        output = " ".join(word for word in re.split(r"[\s;|,`()\[\]:.]+", output) if word not in ids)
        found = sorted(words(output) & english_words)
        if found or numbers:
            leaks[" ".join(args[:3])] = found[:12] + numbers[:5]
    assert leaks == {}


def test_a_text_in_one_language_is_shown_marked_in_the_other(data_copy: Path) -> None:
    (data_copy / "profiles" / "boulangerie.yaml").write_text("""format: channelscore/profile@1
language: fr
id: boulangerie
names: Boulangeries de quartier
description: Une chaîne de boulangeries-cafés où les clients passent chaque jour.
extends: local-retail
weights:
  responsiveness: {value: 3, reason: le client attend une réponse avant de repartir avec son pain}
""", encoding="utf-8")
    runner = CliRunner()
    args = ["explain", "phone", "--profile", "boulangerie", "--data", str(data_copy)]
    french = runner.invoke(app, [*args, "--lang", "fr"], env={"COLUMNS": "300"})
    english = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": "300"})
    assert french.exit_code == english.exit_code == 0
    assert "Téléphone avec le profil Boulangeries de quartier" in french.output
    assert "[fr]" not in french.output
    assert "Phone under [fr] Boulangeries de quartier" in english.output
    listed = runner.invoke(app, ["list", "profiles", "--data", str(data_copy), "--format", "json"])
    (entry,) = [p for p in json.loads(listed.output) if p["id"] == "boulangerie"]
    assert entry["description"] == "[fr] Une chaîne de boulangeries-cafés où les clients passent chaque jour."
    report = api.validate(data_copy)
    (warning,) = [p for p in report.problems if p.file.endswith("boulangerie.yaml")]
    assert warning.code == "incomplete-translation" and "3 texts have no English version" in warning.message
