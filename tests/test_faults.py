"""The fault suite's short version (bench/faults.py --short): nothing lost, nothing doubled.

It starts its own PostgreSQL and Redis on spare ports, two daphne processes, posting phones and
listening screens, and injects socket drops, a kill -9, a Redis restart, a PostgreSQL immediate
restart and a slow consumer. It runs in the PostgreSQL + Redis configuration (the machine has
the servers' binaries there), in about a minute.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")),
        reason="The fault suite runs in the PostgreSQL + Redis configuration.",
    ),
    pytest.mark.skipif(
        not (glob.glob("/usr/lib/postgresql/*/bin/initdb") or shutil.which("initdb"))
        or not shutil.which("redis-server"),
        reason="The fault suite needs PostgreSQL's initdb/pg_ctl and redis-server.",
    ),
]


def test_faults_lose_nothing_and_double_nothing():
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bench.faults", "--short", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    elapsed = time.monotonic() - started
    assert result.stdout.strip(), result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    phases = {phase["phase"]: phase for phase in summary["phases"]}
    assert len(phases) == 6, phases
    assert summary["problems"] == [], json.dumps(summary["phases"], indent=1)
    assert phases["baseline"]["5xx"] == 0
    for phase in phases.values():
        assert phase["doubled"] == 0 and phase["missing"] == 0, phase
        assert phase["in sync s"] is not None and phase["in sync s"] <= 10, phase
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"bench.faults --short: {elapsed:.0f} s")
    for phase in summary["phases"]:
        print(json.dumps(phase))
