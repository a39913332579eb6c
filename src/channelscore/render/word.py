"""The client report as a Word document (python-docx): real headings, tables and list paragraphs, charts as
PNG images, so that a consultant can restyle it with the firm's template. Only the report imports it."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from channelscore.render import charts
from channelscore.render.clean import clean
from channelscore.render.document import Block, Chart, Cover, Facts, Grid, Heading, Items, Paragraph
from channelscore.words import Words

if TYPE_CHECKING:
    from docx.document import Document

# The width of the text on an A4 page with the default margins of Word's template.
IMAGE_WIDTH_INCHES = 6.0
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR"}


def to_docx(content: list[Block], lang: str, cover: Cover) -> bytes:
    """The blocks as a .docx file: the first heading is the title, the last paragraph the closing note."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    document = docx.Document()
    _set_language(document, LANGUAGE_TAGS.get(lang, lang))
    title = next((b.text for b in content if isinstance(b, Heading) and b.level == 1), "channelscore")
    properties = document.core_properties
    properties.title = clean(title)
    properties.author = clean(cover.author or "")
    properties.language = LANGUAGE_TAGS.get(lang, lang)
    properties.comments = ""
    for block in content:
        if isinstance(block, Heading):
            document.add_heading(clean(block.text), 0 if block.level == 1 else block.level - 1)
        elif isinstance(block, Facts):
            for label, value in block.rows:
                paragraph = document.add_paragraph()
                paragraph.add_run(clean(label) + Words(lang).colon).bold = True
                paragraph.add_run(clean(value))
        elif isinstance(block, Paragraph):
            document.add_paragraph(clean(block.text))
        elif isinstance(block, Items):
            for item in block.items:
                document.add_paragraph(clean(item), style="List Bullet")
        elif isinstance(block, Grid):
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            table.autofit = False
            for cell, text, numeric in zip(table.rows[0].cells, block.header, block.numeric, strict=True):
                run = cell.paragraphs[0].add_run(clean(text))
                run.bold = True
                if numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text, numeric in zip(cells, row, block.numeric, strict=True):
                    cell.text = clean(text)
                    if numeric:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for column, width in zip(table.columns, column_widths(block), strict=True):
                column.width = Inches(width)
                for cell in column.cells:  # Word reads the cells' widths, LibreOffice the columns'
                    cell.width = Inches(width)
        elif isinstance(block, Chart):
            document.add_picture(io.BytesIO(charts.png(block.figure)), width=Inches(IMAGE_WIDTH_INCHES))
            document.add_paragraph(clean(block.title), style="Caption")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def column_widths(grid: Grid, total: float = IMAGE_WIDTH_INCHES) -> list[float]:
    """Inches for each column of ``grid``: numbers and short texts as wide as they need, the long texts (reasons,
    why a channel stands where it does) sharing the rest."""
    longest = [max(len(row[k]) for row in (grid.header, *grid.rows)) for k in range(len(grid.header))]
    needed = [min(0.35 + 0.07 * length, 0.9 if grid.numeric[k] else 1.4) for k, length in enumerate(longest)]
    long = [k for k, length in enumerate(longest) if length > 45 and not grid.numeric[k]]
    if not long:
        scale = total / sum(needed)
        return [width * scale for width in needed]
    fixed = sum(width for k, width in enumerate(needed) if k not in long)
    share = max(total - fixed, 1.5 * len(long)) / sum(min(longest[k], 200) for k in long)
    return [min(longest[k], 200) * share if k in long else needed[k] for k in range(len(longest))]


def _set_language(document: Document, tag: str) -> None:
    """The language Word proofs the text in, set on the default paragraph style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = document.styles["Normal"].element.get_or_add_rPr()
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)
