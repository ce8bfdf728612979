"""The seminar's documentation, read once and written as a web page, a Word file and a PDF.

The walk (`walk.py`) asks every registered section (`sections.py`) for its part of the record:
the programme as it ran, the boards, the conclusions, the goals with their handshakes, the
departments' commitments and everyone's "on Monday I will ...". The writers (`writers.py`)
put that one walk into each format, so the three hold the same sections in the same order.
Everything is in the seminar's own language and read in a fixed number of queries; hidden
cards, comments and photos never appear.
"""

from django.shortcuts import render

# Importing a section's module registers it. The programme is the documentation's own; each
# exercise's section is in its package (`ideas/<exercise>/report.py`), imported at start-up
# by ideas.exercises.autodiscover.
from ideas.report import programme  # noqa: F401
from ideas.report.walk import Documentation, walk

# The writers load python-docx, fpdf and Pillow: only when a document is written, not when the
# exercises register their sections at start-up (about 35 MB of every server process).
_WRITERS = {"DocxWriter", "HtmlWriter", "PdfWriter", "pdf_text"}


def _writers():
    from ideas.report import writers  # heavy libraries, loaded on demand

    return writers


def __getattr__(name):
    if name in _WRITERS:
        return getattr(_writers(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Documentation",
    "pdf_text",
    "render_report",
    "report_context",
    "report_docx",
    "report_pdf",
    "walk",
]

TEMPLATE = "ideas/report.html"


def report_context(seminar):
    """What the page shows: the walk, and its body written as HTML (a fixed number of queries)."""
    documentation = walk(seminar)
    return {
        "seminar": seminar,
        "report_language": documentation.language,
        "documentation": documentation,
        "body": _writers().HtmlWriter().write(documentation),
    }


def render_report(request, seminar, **extra):
    """The documentation page: the page around it (menu, title, downloads) in the reader's
    language, the documentation itself in the seminar's, marked with its `lang`.

    `extra` may carry `docx_url` and `pdf_url`, shown as download links.
    """
    context = report_context(seminar)
    context.update(extra)
    return render(request, TEMPLATE, context)


def report_docx(seminar):
    """The documentation as a Word document (.docx), on A4."""
    return _writers().DocxWriter().write(walk(seminar))


def report_pdf(seminar):
    """The documentation as a PDF (A4, built-in fonts, page numbers)."""
    return _writers().PdfWriter().write(walk(seminar))
