# jcmkg: `make ingest` then `make test`. Only `install` touches the network (PyPI).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpora
OUT    ?= data
DB     ?= sqlite:///$(OUT)/jcmkg.sqlite
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

.PHONY: install ingest export test lint eval eval-scans bench clean lock

install: $(STAMP)
	@$(PY) -m pipeline.load_ocr

# Re-runs only when the pins or the package metadata change.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

ingest: install
	mkdir -p $(OUT)
	$(VENV)/bin/jcmkg ingest $(CORPUS) --db $(DB)
	$(VENV)/bin/jcmkg export facts --db $(DB) -o $(OUT)/facts.jsonl
	$(VENV)/bin/jcmkg export graphml --db $(DB) -o $(OUT)/agreements.graphml
	$(VENV)/bin/jcmkg stats --db $(DB)

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check extractors pipeline schemas tests bench scripts

# Scores the seeds, the dev pages and corpora/ against their gold sets.
eval: install
	bash scripts/eval.sh $(SHARED)
	$(MAKE) --no-print-directory eval-scans

# The dev and train pages printed and scanned (200 dpi image-only PDFs, made once into
# $(OUT)/scans), OCR'd and scored beside the same pages as text. About 10 minutes on 2 cores.
eval-scans: install $(OUT)/scans/train.jsonl
	$(PY) scripts/eval_scans.py $(OUT)/scans $(SHARED)

$(OUT)/scans/train.jsonl: scripts/make_scans.py bench/scans.py
	$(PY) scripts/make_scans.py $(OUT)/scans $(SHARED)

bench: install
	$(PY) -m bench.run

lock:
	$(PY) -m pip freeze --exclude-editable | sed '1i # Exact pins for every package jcmkg installs (make install uses this as a pip constraints file).\n# Regenerate: make lock  (after changing pyproject.toml)' > requirements.lock

clean:
	rm -rf $(OUT) .pytest_cache .hypothesis
