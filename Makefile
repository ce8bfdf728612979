# The two commands of the README; everything else lives in bin/.
.PHONY: run test bench
run:
	bin/run
test:
	bin/test
bench:
	bin/setup test && .venv/bin/python -m bench.live
