# Shortcuts for developers; scripts/dev.sh does the work and needs only python3.
.PHONY: run test build eval bench corpus lint clean

run:
	sh scripts/dev.sh run

test:
	sh scripts/dev.sh test

build:
	sh scripts/dev.sh build

eval:
	sh scripts/dev.sh setup && .venv/bin/ocop eval ../shared/gold/dev

bench:
	sh scripts/dev.sh setup && .venv/bin/python scripts/bench.py

corpus:
	sh scripts/dev.sh setup && .venv/bin/pip install --quiet -e ".[corpus]" && .venv/bin/python corpus/generate.py

lint:
	sh scripts/dev.sh setup && .venv/bin/ruff check pipeline extractors tests scripts corpus/generate.py

clean:
	rm -rf .venv data
