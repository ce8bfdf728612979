"""A plenum running with the room's questions turned on (`pushes`: tests/ideas/conftest.py)."""

import pytest

from tests.ideas.helpers import plenum_with_extra


@pytest.fixture
def plenum(seminar, alice):
    return plenum_with_extra(seminar, alice, "questions")
