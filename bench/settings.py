"""Plenum's own settings for the benchmark, with its Redis channels kept apart from other users.

Redis pub/sub channels are shared by every database number, so a channel of its own keeps the
benchmark's broadcasts out of tests that run against the same Redis at the same time.

The app pushes through its hub (seminar/hub.py) and uses no channel layer; CHANNEL_LAYERS here
is for the bare-Channels reference (bench/reference_asgi.py) alone: Channels' stock in-memory
layer, or its Redis pub/sub layer.
"""

import os

from seminar.settings import *  # noqa: F403
from seminar.settings import REDIS_URL

# PLENUM_BENCH_LIVE_CHANNEL: a channel of one's own when several people run benchmarks against
# the same Redis at once (every fresh benchmark database has seminar 1 and its groups).
LIVE_CHANNEL = os.environ.get("PLENUM_BENCH_LIVE_CHANNEL", "plenum-bench.live")

if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": LIVE_CHANNEL.removesuffix(".live")},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
