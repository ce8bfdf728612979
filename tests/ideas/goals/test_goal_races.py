"""Two posts of a table's goal with the same key at the same moment (a phone's retry racing
its first try, two processes): one goal, and neither answer is a 500."""

import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from ideas.models import Goal
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Threads on SQLite's shared in-memory test database lock its tables instead of racing.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="a race needs PostgreSQL"),
]


def _at_once(posts):
    """Run the posts in threads released together; their answers (or exceptions)."""
    barrier = threading.Barrier(len(posts))
    answers = [None] * len(posts)

    def run(index, post):
        try:
            barrier.wait()
            answers[index] = post()
        except Exception as error:  # the test reports it below
            answers[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return answers


@pytest.mark.parametrize("who", ["same phone", "tablemate", "another table"])
def test_two_goal_posts_with_the_same_key_store_one_goal(seminar, alice, who):
    _members, board = brainstorm(seminar, alice)
    first, second = list(board.group.members.all())[:2]
    if who == "another table":
        second = seminar.participants.exclude(groups=board.group).first()
    key = str(uuid.uuid4())
    url = reverse("goal-draft", args=[seminar.pk])
    clients = [
        client_for_participant(first),
        client_for_participant(first if who == "same phone" else second),
    ]
    for client in clients:
        client.raise_request_exception = True
    answers = _at_once(
        [lambda c=c: c.post(url, {"title": "Flere lærlinge", "key": key}) for c in clients]
    )
    assert all(not isinstance(answer, Exception) for answer in answers), answers
    assert [answer.status_code for answer in answers] == [200, 200]
    assert Goal.objects.filter(seminar=seminar).count() == 1
