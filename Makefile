# The commands of the README; everything else lives in bin/.
.PHONY: run venue test bench
run:
	bin/run
venue:
	bin/run --venue
test:
	bin/test
bench:
	bin/setup test && .venv/bin/python -m bench.live
