# Shortcuts for developers; scripts/dev.sh does the work and needs only python3.
.PHONY: run test build eval bench bench-100k bench-more corpus lint clean

run:
	sh scripts/dev.sh run

test:
	sh scripts/dev.sh test

build:
	sh scripts/dev.sh build

eval:
	sh scripts/dev.sh setup && .venv/bin/ocop eval ../shared/gold/dev

# Figures on a synthetic corpus (10,000 documents, ~2 minutes on 2 cores) → bench/results.json
bench:
	sh scripts/dev.sh setup && .venv/bin/ocop bench

# The scale figures: 100,000 documents (~20 minutes on 2 cores)
bench-100k:
	sh scripts/dev.sh setup && .venv/bin/ocop bench --docs 100000 --out bench/results-100k.json

# Extraction on the gold and bundled texts, parse per format, the crawler on the fixture sites
bench-more:
	sh scripts/dev.sh setup && .venv/bin/python scripts/bench_more.py

corpus:
	sh scripts/dev.sh setup && .venv/bin/pip install --quiet -e ".[corpus]" && .venv/bin/python corpus/generate.py

lint:
	sh scripts/dev.sh setup && .venv/bin/ruff check pipeline extractors tests scripts corpus/generate.py

clean:
	rm -rf .venv data
