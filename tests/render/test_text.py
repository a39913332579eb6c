"""The text renderers, directly on small results: the registry, Markdown, CSV, JSON and the rich table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tests.conftest import tiny_catalog

from channelscore import api
from channelscore.render import RENDERERS, formats, write
from channelscore.render.markdown import cell
from channelscore.words import Words

CATALOG = tiny_catalog({"a": [3, 3], "b": [3, 1], "c|x": [1, 3], "d": [1, 1]}, not_applicable=("d",))


def rendered(kind: str, fmt: str, result: object, lang: str = "en") -> str:
    out = io.StringIO()
    write(kind, fmt, result, Words(lang), out)
    return out.getvalue()


def test_every_view_kind_has_its_formats_and_every_renderer_exists() -> None:
    assert formats("rank") == ["table", "json", "csv", "markdown"]
    assert formats("explain") == ["table", "json"]
    assert formats("validation") == ["text", "json", "github"]
    from importlib import import_module

    for module, function in RENDERERS.values():
        assert callable(getattr(import_module(f"channelscore.render.{module}"), function))


def test_markdown_cells_escape_pipes_and_controls() -> None:
    assert cell("a|b\x1b[31m\nc") == "a\\|b\\[31m c"
    text = rendered("rank", "markdown", api.rank(CATALOG, "p"))
    assert "| 2 | C\\|X | 2.00 |" in text
    assert "**Does not apply:**\n\n- D: gone" in text


def test_csv_rows_and_excluded_channels() -> None:
    rows = list(csv.DictReader(io.StringIO(rendered("rank", "csv", api.rank(CATALOG, "p")))))
    assert [(r["rank"], r["channel"], r["score"]) for r in rows] == [
        ("1", "a", "3.0"), ("2", "b", "2.0"), ("2", "c|x", "2.0"), ("", "d", "")]
    assert rows[-1]["why"] == "gone"


def test_json_is_the_result_document() -> None:
    result = api.rank(CATALOG, "p", lang="fr")
    document = json.loads(rendered("rank", "json", result, "fr"))
    assert document == result.to_dict()
    assert document["excluded"] == [{"channel": "d", "why": "gone"}]
    assert [row["channel"] for row in document["ranking"]] == ["a", "b", "c|x"]
    assert document["ranking"][0]["why"] == "Atouts\u202f: c0 fr et c1 fr (a c0). 1,00 devant B fr."


def test_the_table_prints_ranks_why_weights_and_the_mix() -> None:
    text = rendered("rank", "table", api.rank(CATALOG, "p"))
    assert "Complaint channels for P (p)" in text
    assert "1. A — Strong on c0 and c1" in text
    assert "Weights: C0 50%, C1 50%" in text
    assert "Recommended mix (1 channel): A; coverage 3.00 of 3.00" in text
    french = rendered("rank", "table", api.rank(CATALOG, "p", lang="fr"), "fr")
    assert "Pondérations\u202f: C0 fr 50\u202f%, C1 fr 50\u202f%" in french
    assert "3,00" in french and "3.00" not in french


@pytest.mark.parametrize("kind, fmt", [(kind, fmt) for kind, fmt in RENDERERS if kind in ("compare", "portfolio")])
def test_compare_and_portfolio_in_every_format(kind: str, fmt: str) -> None:
    result = api.compare(CATALOG, ["p", "p"]) if kind == "compare" else api.portfolio(CATALOG, "p")
    text = rendered(kind, fmt, result)
    assert text.strip()
    assert "C|X" in text or "c|x" in text or "C\\|X" in text or kind == "portfolio"


def test_french_lists_name_groups_families_and_traits_in_french() -> None:
    from typer.testing import CliRunner

    from channelscore.cli import app

    channels = CliRunner().invoke(app, ["list", "channels", "--lang", "fr"], env={"COLUMNS": "200"}).stdout
    assert "avec interaction humaine" in channels and "numérique" in channels and "unassisted" not in channels
    assert "digital" not in channels and "in_person" not in channels
    criteria = CliRunner().invoke(app, ["list", "criteria", "--lang", "fr"], env={"COLUMNS": "200"}).stdout
    assert "entreprise" in criteria and "enterprise" not in criteria
