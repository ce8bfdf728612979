"""Plenum's own settings for the benchmark, with its Redis channels kept apart from other users.

Redis pub/sub channels are shared by every database number, so a prefix of its own keeps the
benchmark's broadcasts out of tests that run against the same Redis at the same time.
"""

from seminar.settings import *  # noqa: F403
from seminar.settings import CHANNEL_LAYERS, REDIS_URL

if REDIS_URL:
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = "plenum-bench"
