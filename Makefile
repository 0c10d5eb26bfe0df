# jcmkg: `make ingest` then `make test`. Only `install` touches the network (PyPI).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpora
OUT    ?= data
DB     ?= sqlite:///$(OUT)/jcmkg.sqlite
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

PORT   ?= 8001

.PHONY: install ingest export test test-quick lint eval eval-formats eval-scans train bench clean lock serve readme

install: $(STAMP)
	@$(PY) -m pipeline.load.ocr

# Re-runs only when the pins or the package metadata change.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,scaleout]'
	touch $(STAMP)

ingest: install
	mkdir -p $(OUT)
	$(VENV)/bin/jcmkg ingest $(CORPUS) --db $(DB)
	$(VENV)/bin/jcmkg export facts --db $(DB) -o $(OUT)/facts.jsonl
	$(VENV)/bin/jcmkg export graphml --db $(DB) -o $(OUT)/agreements.graphml
	$(VENV)/bin/jcmkg export graphml --cooperation --db $(DB) -o $(OUT)/cooperation.graphml
	$(VENV)/bin/jcmkg stats --db $(DB)

# Browse the store in Datasette (read-only): http://127.0.0.1:$(PORT)/jcmkg
serve: install
	$(VENV)/bin/jcmkg serve --db $(DB) --port $(PORT)

# Regenerates README.md's example outputs and its screenshot from data/ (after make ingest).
readme: install
	$(PY) scripts/readme_examples.py
	$(PY) scripts/screenshot.py --db $(DB) -o docs/datasette.png

test: install
	$(PY) -m pytest

# The fast loop while developing: every test but those marked slow (tests/conftest.py).
test-quick: install
	$(PY) -m pytest -m "not slow"

lint: install
	$(VENV)/bin/ruff check extractors pipeline schemas tests bench scripts

# Scores the seeds, the dev pages, train, test and corpora/ against their gold sets,
# cross-validates the relation models (5 folds by document over seeds + dev + train), and scores
# the dev and train pages as HTML, printed PDF and scans beside the same pages as text.
eval: install
	bash scripts/eval.sh $(SHARED)
	$(MAKE) --no-print-directory eval-formats eval-scans

# The dev and train pages served as HTML (site menu, header and footer around the article) and
# printed to PDF by headless Chromium (made once into $(OUT)/formats), scored beside the same
# pages as text. About 3 minutes on 2 cores.
eval-formats: install $(OUT)/formats/.made
	$(PY) scripts/eval_formats.py $(OUT)/formats/html $(SHARED) --ext html
	$(PY) scripts/eval_formats.py $(OUT)/formats/pdf $(SHARED) --ext pdf

$(OUT)/formats/.made: scripts/make_formats.py
	$(PY) scripts/make_formats.py $(OUT)/formats $(SHARED)
	touch $@

# The dev and train pages printed and scanned (200 dpi image-only PDFs, made once into
# $(OUT)/scans), OCR'd and scored beside the same pages as text. About 10 minutes on 2 cores.
eval-scans: install $(OUT)/scans/.made
	$(PY) scripts/eval_formats.py $(OUT)/scans $(SHARED) --ext pdf

$(OUT)/scans/.made: scripts/make_scans.py bench/scans.py
	$(PY) scripts/make_scans.py $(OUT)/scans $(SHARED)
	touch $@

# Rebuilds the relation models (extractors/relations/models/*.json) from the gold of $(SHARED)'s seeds, dev
# and train sets, deterministically; ingest only reads them.
train: install
	$(PY) -m pipeline.relation_training train $(SHARED)

bench: install
	$(PY) -m bench.run

lock:
	$(PY) -m pip freeze --exclude-editable | sed '1i # Exact pins for every package jcmkg installs (make install uses this as a pip constraints file).\n# Regenerate: make lock  (after changing pyproject.toml)' > requirements.lock

clean:
	rm -rf $(OUT) .pytest_cache .hypothesis
