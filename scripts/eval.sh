#!/usr/bin/env bash
# Ingest and score every gold set we have (make eval): the seeds, the dev pages, train and test
# (real pages in ../shared), corpora/ and corpora/blind. For test only this table is to be read.
set -euo pipefail
shared=${1:-../shared}
jcmkg=.venv/bin/jcmkg
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # name, corpus folder, gold file
  echo "== $1"
  $jcmkg ingest "$2" --db "sqlite:///$out/$1.sqlite" -q > /dev/null
  $jcmkg export facts --db "sqlite:///$out/$1.sqlite" -o "$out/$1.jsonl" > /dev/null
  $jcmkg eval "$out/$1.jsonl" --gold "$3"
}
for split in seeds dev train test; do
  [ -d "$shared/corpus/$split" ] && run "$split" "$shared/corpus/$split" "$shared/gold/$split.jsonl"
done
run corpora corpora corpora/gold.jsonl
echo "== blind (corpora/blind, written without sight of the extractors)"
$jcmkg eval "$out/corpora.jsonl" --gold corpora/blind/gold.jsonl
echo "== cross-validation of the relation models (train + dev + seeds), then the held-out third of train"
.venv/bin/python -m pipeline.relation_training cv "$shared"
