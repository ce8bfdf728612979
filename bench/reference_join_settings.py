"""bench.join's reference: Plenum's settings and middleware, the reference's URLs."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.reference_join"
