"""`python -m bench.pages --quick` runs and reads every page (no timing: a smoke run).

The benchmark seeds its own temporary SQLite database (whatever DATABASE_URL says) in a process
of its own; here a grown room small enough for a few seconds. Its times are not checked: speed
is measured by the benchmark's printed numbers (docs/benchmarks.md), never by a test.
"""

import json
import subprocess
import sys
from pathlib import Path

from bench.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["-m", "bench.pages", "--quick", "--large-only", "--people=40", "--cards=60"]


def test_bench_pages_quick_reads_every_page():
    result = subprocess.run(
        [sys.executable, *COMMAND],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["rooms"]["large"]["participants"] == 40
    assert summary["rooms"]["large"]["cards"] == 60
    assert list(summary["pages"]) == PAGES
    for name, rooms in summary["pages"].items():
        assert rooms["large"]["queries"] > 0, name
        assert rooms["large"]["kb"] > 0, name
