#!/usr/bin/env bash
# Set up, then run the main job on the bundled example corpus with the embedded
# default store (a SQLite file, no servers): extract and annotate every article,
# store it, fold near-duplicates and group articles into events and stories
# (incrementally: running it again changes nothing), and write the kronik/1
# JSON of the stored corpus to out/corpus.json.  Then serve the web UI over
# that store at http://127.0.0.1:${KRONIK_PORT:-8000}/ until Ctrl-C
# (KRONIK_NO_SERVE=1 stops after the files are written, e.g. in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/kronik ingest examples/corpus --db out/kronik.db
.venv/bin/kronik export --db out/kronik.db > out/corpus.json
# A short summary of what was built (quality figures stay in `kronik eval`: see the README).
.venv/bin/python - out/kronik.db <<'PY'
import sys
from kronik.store import Store, queries
store = Store(sys.argv[1], create=False)
s = queries.stats(store)
several = queries.stories(store, min_articles=2, limit=0)["total"]
print(f"Built: {s['articles']} articles from {s['outlets']} outlets -> {s['events']} events in {s['stories']} stories "
      f"({several} with two or more articles).")
for i, st in enumerate(queries.stories(store, sort="coverage", limit=3)["results"], 1):
    print(f"  {i}. {st['title']} ({st['n_articles']} articles, {len(st['outlets'])} outlets)")
PY
echo "Stored in out/kronik.db; JSON in out/corpus.json. Try: .venv/bin/kronik search 'gempa' --db out/kronik.db"
echo "Quality figures: .venv/bin/kronik eval lines examples/corpus (all measurements: .venv/bin/kronik eval --help)"
if [ "${KRONIK_NO_SERVE:-0}" = "1" ]; then
  exit 0
fi
port="${KRONIK_PORT:-8000}"
echo "Web UI over the example corpus: http://127.0.0.1:${port}/  (Ctrl-C stops it; KRONIK_NO_SERVE=1 skips this step)"
exec .venv/bin/kronik serve --db out/kronik.db --port "${port}"
