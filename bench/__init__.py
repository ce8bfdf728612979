"""Benchmarks that run Plenum for real: `python -m bench.live` measures the live channel."""
