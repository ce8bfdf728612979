"""The seminar's documentation as a page, a Word file or a PDF, for facilitators and directors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse

from ideas.access import download
from seminar.permissions import seminars_followed_by, seminars_run_by


def _readable_seminar(user, seminar_id):
    """Facilitators and the seminar's directors read its documentation."""
    seminars = seminars_followed_by(user) | seminars_run_by(user)
    return get_object_or_404(seminars.distinct(), pk=seminar_id)


@login_required
def report(request, seminar_id, fmt="html"):
    from ideas import report as documentation  # python-docx and fpdf load only for a download

    seminar = _readable_seminar(request.user, seminar_id)
    slug = f"plenum-{seminar.pk}"
    if fmt == "docx":
        return download(
            documentation.report_docx(seminar),
            f"{slug}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    if fmt == "pdf":
        return download(documentation.report_pdf(seminar), f"{slug}.pdf", "application/pdf")
    return documentation.render_report(
        request,
        seminar,
        docx_url=reverse("report-download", args=[seminar.pk, "docx"]),
        pdf_url=reverse("report-download", args=[seminar.pk, "pdf"]),
    )
