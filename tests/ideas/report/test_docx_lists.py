"""A Word file's bulleted list is written as XML at once (DocxWriter.bullets) and must be what
python-docx builds one element at a time (DocxWriter._entry): the same paragraphs, styles,
runs, tabs, line breaks and kept white space, in every case a person's text can bring."""

from docx import Document
from lxml import etree

from ideas.report.sections import Entry
from ideas.report.writers import DocxWriter

ENTRIES = [
    "Borgerpanel",
    Entry("Et kort", notes=["2 stjerner"], children=["En kommentar", "En til"]),
    Entry(" mellemrum foran og bagved ", notes=["1 stjerne", "en note"]),
    Entry("tab\there, linje\nskift og\r\nvindue", children=["kommentar\tmed tab", ""]),
    Entry("<b>&amp; \"citat\" 'enkelt' ]]></b>", children=["a < b & c > d"]),
    Entry("hård\u00a0mellemrum\u00a0", notes=[" "]),
    Entry(""),
    Entry("\n"),
    Entry("\t\tindrykket"),
    Entry("æøå ÆØÅ \N{EN DASH} 100 % · ★"),
]


def _writer():
    writer = DocxWriter()
    writer.document, writer.style_ids = Document(), {}
    return writer


def _body(writer):
    return etree.tostring(writer.document.element.body)


def test_a_list_written_at_once_is_python_docx_s():
    by_element = _writer()
    for entry in ENTRIES:
        by_element._entry(Entry(entry) if isinstance(entry, str) else entry, "List Bullet")
    at_once = _writer()
    at_once.bullets(ENTRIES)
    assert _body(at_once) == _body(by_element)
    # ... and before the section's properties, which stay last.
    assert at_once.document.element.body[-1].tag.endswith("sectPr")


def test_lists_keep_their_order_among_other_paragraphs():
    by_element, at_once = _writer(), _writer()
    for writer in (by_element, at_once):
        writer.paragraph("Før")
    for entry in ENTRIES[:3]:
        by_element._entry(Entry(entry) if isinstance(entry, str) else entry, "List Bullet")
    at_once.bullets(ENTRIES[:3])
    for writer in (by_element, at_once):
        writer.paragraph("Efter")
    at_once.bullets([])
    assert _body(at_once) == _body(by_element)
