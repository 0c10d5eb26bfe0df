#!/usr/bin/env bash
# Ingest and score the seeds, the dev pages and corpora/ against their gold sets (make eval).
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
[ -d "$shared/corpus/seeds" ] && run seeds "$shared/corpus/seeds" "$shared/gold/seeds.jsonl"
[ -d "$shared/corpus/dev" ] && run dev "$shared/corpus/dev" "$shared/gold/dev.jsonl"
run corpora corpora corpora/gold.jsonl
echo "== blind (corpora/blind, written without sight of the extractors)"
$jcmkg eval "$out/corpora.jsonl" --gold corpora/blind/gold.jsonl
