"""Renderers: one registry from (view kind, format) to the function that writes it, imported on first use.

A rich table for people; JSON, CSV and Markdown for programs and documents; the validation
reports (text, JSON, GitHub annotations); the client document (HTML, Markdown) and its charts.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, TextIO

from channelscore.words import Words

# (kind, format) -> (module, function). Table renderers print to a rich console; the others return
# the text, or a document that is written as JSON.
RENDERERS: dict[tuple[str, str], tuple[str, str]] = {
    ("rank", "table"): ("table", "print_ranking"),
    ("rank", "json"): ("json", "rank_document"),
    ("rank", "csv"): ("csv", "rank_csv"),
    ("rank", "markdown"): ("markdown", "rank_markdown"),
    ("explain", "table"): ("table", "print_explanation"),
    ("explain", "json"): ("json", "explain_document"),
    ("list", "table"): ("table", "print_list"),
    ("list", "json"): ("json", "list_document"),
    ("expectations", "table"): ("table", "print_expectations"),
    ("expectations", "json"): ("json", "expectations_document"),
    ("compare", "table"): ("table", "print_comparison"),
    ("compare", "json"): ("json", "compare_document"),
    ("compare", "csv"): ("csv", "compare_csv"),
    ("compare", "markdown"): ("markdown", "compare_markdown"),
    ("sensitivity", "table"): ("table", "print_sensitivity"),
    ("sensitivity", "json"): ("json", "sensitivity_document"),
    ("sensitivity", "csv"): ("csv", "sensitivity_csv"),
    ("sensitivity", "markdown"): ("markdown", "sensitivity_markdown"),
    ("portfolio", "table"): ("table", "print_portfolio"),
    ("portfolio", "json"): ("json", "portfolio_document"),
    ("portfolio", "csv"): ("csv", "portfolio_csv"),
    ("portfolio", "markdown"): ("markdown", "portfolio_markdown"),
    ("levers", "table"): ("table", "print_levers"),
    ("levers", "json"): ("json", "levers_document"),
    ("levers", "csv"): ("csv", "levers_csv"),
    ("levers", "markdown"): ("markdown", "levers_markdown"),
    ("weights", "table"): ("table", "print_workshop"),
    ("weights", "json"): ("json", "weights_document"),
    ("validation", "text"): ("validation", "text_report"),
    ("validation", "json"): ("validation", "json_report"),
    ("validation", "github"): ("validation", "github_report"),
}


def formats(kind: str) -> list[str]:
    """The formats a view kind can be written in."""
    return [fmt for (known, fmt) in RENDERERS if known == kind]


def write(kind: str, fmt: str, view: Any, words: Words, out: TextIO, **options: Any) -> None:
    """Write ``view`` (a result of kind ``kind``) to ``out`` in format ``fmt``."""
    module_name, function_name = RENDERERS[(kind, fmt)]
    function = getattr(import_module(f"channelscore.render.{module_name}"), function_name)
    if fmt == "table":
        from channelscore.render.table import console

        function(view, words, console(out), **options)
        return
    rendered = function(view, words, **options)
    if not isinstance(rendered, str):
        from channelscore.render.json import dumps

        rendered = dumps(rendered)
    out.write(rendered)
    out.flush()
