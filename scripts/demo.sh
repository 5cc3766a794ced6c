#!/usr/bin/env bash
# Set up, then run the main job on the bundled example corpus with the embedded
# default store (a SQLite file, no servers): extract and annotate every article,
# store it, fold near-duplicates and group articles into events and stories
# (incrementally: running it again changes nothing), and write the kronik/1
# JSON of the stored corpus to out/corpus.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/kronik ingest examples/corpus --db out/kronik.db
.venv/bin/kronik export --db out/kronik.db > out/corpus.json
.venv/bin/kronik eval lines examples/corpus
echo "Stored in out/kronik.db; JSON in out/corpus.json. Try: .venv/bin/kronik search 'banjir' --db out/kronik.db"
