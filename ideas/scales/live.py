"""A scale's live parts: the chart on the projector and the console, pushed at most about twice
a second per scale however fast the answers come.

An answer's POST renders nothing: after its commit it asks for a chart push. The first ask
starts a short timer; the asks that arrive before it fires are coalesced into that one push,
which then reads every answer at once. So 300 answers in 30 seconds cost about 60 renders, not
300, and the projector is never more than the interval plus a render behind. Each server
process keeps its own timers (with Redis, each process pushes what its answers changed).
"""

import logging
import threading

from django.conf import settings
from django.db import connections, transaction
from django.template.loader import render_to_string
from django.utils import translation

from ideas.live import current_item, publish_exercise
from ideas.models import Scale
from ideas.scales.charts import chart
from seminar import live

logger = logging.getLogger("plenum.live")

CHART = "ideas/exercises/scales.html#chart"
SVG = "ideas/exercises/scales.html#svg"

_pending: set[int] = set()
_lock = threading.Lock()


def chart_context(scale, *, facilitator):
    """The chart as the projector (`facilitator=False`: the drawing only once revealed) or the
    console shows it. The drawing has no words to translate: it is rendered here, once, and
    every language's push carries the same SVG."""
    kind = scale.agenda_item.kind
    drawn = chart(scale, kind)
    shows = facilitator or scale.revealed
    svg = ""
    if shows:  # its numbers read as the room reads them: in the seminar's language
        with translation.override(scale.seminar.language):
            svg = render_to_string(SVG, {"chart": drawn})
    return {"seminar": scale.seminar, "facilitator": facilitator, "chart": drawn, "svg": svg}


def _on_show(scale):
    item = current_item(scale.seminar)
    return item is not None and item.pk == scale.agenda_item_id


def publish_chart(scale_id):
    """Render the chart once per audience and language and push it (now, not on commit)."""
    scale = Scale.objects.filter(pk=scale_id).select_related("seminar", "agenda_item").first()
    if scale is None or not _on_show(scale):
        return
    seminar_id = scale.seminar_id
    projector, console = live.projector_audience(seminar_id), live.facilitators_audience(seminar_id)
    if scale.revealed:  # both show the same chart: rendered once for the two
        live.publish(
            [projector, console], [live.Region(CHART, chart_context(scale, facilitator=True))]
        )
        return
    live.publish([projector], [live.Region(CHART, lambda: chart_context(scale, facilitator=False))])
    live.publish([console], [live.Region(CHART, lambda: chart_context(scale, facilitator=True))])


def _fire(scale_id):
    with _lock:
        _pending.discard(scale_id)
    try:
        live.in_order(lambda: publish_chart(scale_id))  # in turn with the pushes of commits
    except Exception:
        logger.exception("pushing a scale's chart failed")
    finally:
        connections.close_all()  # this thread ends here: its connection with it


def _ask(scale_id):
    delay = settings.SCALE_CHART_INTERVAL_MS / 1000
    if delay <= 0:
        publish_chart(scale_id)
        return
    with _lock:
        if scale_id in _pending:
            return  # a push is already on its way and will read this answer too
        _pending.add(scale_id)
    timer = threading.Timer(delay, _fire, args=(scale_id,))
    timer.daemon = True
    timer.start()


def publish_answers(scale):
    """An answer was saved: the chart follows, coalesced (see the module's docstring)."""
    scale_id = scale.pk
    transaction.on_commit(lambda: _ask(scale_id))


def publish_scale(scale):
    """Statements or a round changed: every screen's exercise region (phones see the round)."""
    if _on_show(scale):
        publish_exercise(scale.seminar, every_seat=True)
