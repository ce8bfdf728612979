"""After the ideas benchmark: what the database holds, and the queries one post costs.

Run by bench.ideas as `python -m bench.ideas_check SEED.json OUT.json` with the benchmark's
environment (its temporary database and layer), once the websockets are closed.

1. The cards of the brainstorm item: how many rows, and every text stored more than once.
2. Queries per post: a phone's htmx POST through `django.test.Client` (the whole middleware, the
   view, `ideas.services.add_idea` and, since the view runs in autocommit, the push rendered on
   commit), counted with `CaptureQueriesContext`, on a board of 1 card and one of 50. The boards
   belong to the programme's second item, seated by the same tables, so the brainstorm's boards
   stay as the benchmark left them. No socket is connected to this process: a Danish listener
   is registered (`seminar.live.listening`) so that the push is rendered and its queries count.
   One warm-up post on the brainstorm's first board goes first; the times are medians of 5
   posts each.
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from agenda import services as agenda_services  # noqa: E402
from agenda.queries import programme_items  # noqa: E402
from groups.models import Group  # noqa: E402
from ideas import services as idea_services  # noqa: E402
from ideas.models import Board, Idea  # noqa: E402
from seminar import live  # noqa: E402
from seminar.models import Seminar  # noqa: E402
from seminar.permissions import participant_session_key  # noqa: E402

FACILITATOR = "bench-facilitator"  # bench/seed.py


def stored_cards(item_id):
    texts = list(Idea.objects.filter(board__agenda_item_id=item_id).values_list("text", flat=True))
    counts = Counter(texts)
    return {
        "rows": len(texts),
        "texts": sorted(counts),
        "duplicates": {text: n for text, n in counts.items() if n > 1},
    }


def _phone(seminar, participant):
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[participant_session_key(seminar.pk)] = participant.pk
    session.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def _post(client, url):
    """One htmx post of a card; (queries, milliseconds, pushes sent)."""
    published = live.stats["published"]
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(
            url,
            {"text": f"One more {uuid.uuid4().hex[:6]}", "key": str(uuid.uuid4())},
            headers={"hx-request": "true"},
        )
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or b"errorlist" in response.content:
        raise RuntimeError(f"POST {url} answered {response.status_code}: {response.content[:300]}")
    return queries.captured_queries, elapsed, live.stats["published"] - published


def queries_per_post(seed, sizes=(1, 50), repeat=5):
    seminar = Seminar.objects.get(pk=seed["seminar_id"])
    user = User.objects.get(username=FACILITATOR)
    items = programme_items(seminar)
    first = next(item for item in items if item.pk == seed["item_id"])
    spare = next(item for item in items if item.pk != first.pk)
    agenda_services.update_item(spare, by=user, kind="brainstorm", grouping=first.grouping)
    # The spare item runs now, so its boards are on show and each post is pushed (a board that
    # is not on the screens is not pushed at all: ideas/boards/live.py).
    agenda_services.go_to(seminar, by=user, item=spare)
    boards = idea_services.boards_for_item(spare)
    # The warm-up post goes to the brainstorm's first board, counted already.
    warm_up = Board.objects.filter(agenda_item=first).order_by("group__number").first()
    live.listening(seminar.language, +1)
    try:
        results = {}
        for board, size in [(warm_up, 0), *zip(boards, sizes, strict=False)]:
            author = Group.objects.get(pk=board.group_id).members.first()
            for number in range(size):
                idea_services.add_idea(board, by=author, text=f"Card {number}")
            client = _phone(seminar, author)
            url = reverse("idea-add", args=[seminar.pk, board.pk])
            if board is warm_up:
                _post(client, url)
                continue
            runs = [_post(client, url) for _ in range(repeat)]
            queries, _ms, pushes = runs[0]
            results[str(size)] = {
                "queries": len(queries),
                "queries_all_runs": [len(run[0]) for run in runs],
                "pushes": pushes,
                "ms_median": statistics.median(run[1] for run in runs),
                "sql": [query["sql"] for query in queries],
            }
        return results
    finally:
        live.listening(seminar.language, -1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seed", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    seed = json.loads(args.seed.read_text())
    result = {"stored": stored_cards(seed["item_id"]), "posts": queries_per_post(seed)}
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
