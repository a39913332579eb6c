"""The Word report: opened and read back (styles, headings, tables, images, language), and, where LibreOffice is
installed, turned into PDF pages that are not blank."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from channelscore.cli import app
from channelscore.render.document import Grid
from channelscore.render.word import IMAGE_WIDTH_INCHES, column_widths

runner = CliRunner()


def write_docx(path: Path, *args: str) -> docx.document.Document:
    result = runner.invoke(app, ["report", "-p", "retail", "-o", str(path), *args])
    assert result.exit_code == 0, result.output
    return docx.Document(str(path))


def test_the_word_report_has_real_headings_tables_and_images(tmp_path: Path) -> None:
    document = write_docx(tmp_path / "rapport.docx", "--lang", "fr", "--compare", "seniors", "--title",
                          "Quels canaux pour réclamer ?", "--client", "Boulangeries Martin", "--author",
                          "Claire Dupont", "--date", "2026-11-28")
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "Quels canaux pour réclamer\u202f?")
    assert styles[1:4] == [("Normal", "Client\u202f: Boulangeries Martin"), ("Normal", "Auteur\u202f: Claire Dupont"),
                           ("Normal", "Date\u202f: 28 novembre 2026")]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == ["Le profil et ses pondérations", "Classement", "Combinaison de canaux recommandée",
                        "Leviers d'amélioration", "Solidité du classement", "Les constats de l'étude, vérifiés",
                        "Comparaison avec d'autres scénarios", "Sources"]
    assert [text for style, text in styles if style == "Caption"] == [
        "Score par critère (poids × note)", "Les canaux de tête sur chaque critère", "Acceptabilité des rangs"]
    assert sum(style == "List Bullet" for style, _ in styles) >= 9
    # Weights, ranking, mix and comparison, each with its header row.
    assert len(document.tables) == 4
    assert [cell.text for cell in document.tables[1].rows[0].cells] == ["Rang", "Canal", "Score", "Pourquoi"]
    assert document.tables[1].rows[1].cells[1].text == "Face-à-face"
    assert len(document.inline_shapes) == 3
    properties = document.core_properties
    assert (properties.title, properties.author, properties.language) == (
        "Quels canaux pour réclamer\u202f?", "Claire Dupont", "fr-FR")
    language = document.styles["Normal"].element.rPr.find(docx.oxml.ns.qn("w:lang"))
    assert language.get(docx.oxml.ns.qn("w:val")) == "fr-FR"


def test_an_english_word_report_without_a_comparison(tmp_path: Path) -> None:
    document = write_docx(tmp_path / "report.docx", "--date", "2026-11-28")
    assert document.paragraphs[0].text == "Complaint channels for Local retail"
    assert document.paragraphs[1].text == "Date: 28 November 2026"
    assert len(document.tables) == 3 and len(document.inline_shapes) == 3
    assert document.core_properties.language == "en-GB"


def test_long_text_columns_get_the_room_numbers_do_not_need() -> None:
    grid = Grid(("Rank", "Channel", "Score", "Why"),
                (("1", "Face-to-face", "2.65", "Strong on human relation and trust " * 6),), (True, False, True, False))
    rank, channel, score, why = column_widths(grid)
    assert abs(rank + channel + score + why - IMAGE_WIDTH_INCHES) < 1e-9
    assert why > 3 and rank < 0.9 and score < 0.9 and channel < 1.5
    short = Grid(("a", "b"), (("1", "x"),), (True, False))
    assert abs(sum(column_widths(short)) - IMAGE_WIDTH_INCHES) < 1e-9


def test_libreoffice_lays_the_word_report_out_on_pages(tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or poppler is missing: .ci/run installs libreoffice-writer-nogui, poppler-utils")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
    write_docx(tmp_path / "rapport.docx", "--lang", "fr")
    environment = {**os.environ, "HOME": str(tmp_path)}  # LibreOffice writes its profile under HOME
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "rapport.docx")], check=True, capture_output=True, timeout=180, env=environment)
    subprocess.run([pdftoppm, "-r", "40", "-png", str(tmp_path / "rapport.pdf"), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 4 <= len(pages) <= 15
    for page in pages:
        image = Image.open(page).convert("L")
        assert ImageStat.Stat(image).stddev[0] > 10, page.name  # not blank
