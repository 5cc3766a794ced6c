"""``kronik bench extract``: articles per second on one core, plain text and HTML, and peak memory.

Plain text: ``n`` synthetic dumps from ``kronik.bench.synth`` (real IndoSum
bodies in realistic web furniture) are generated first, in memory, and then
``process_document`` runs over all of them in this single process; only that
loop is timed.  HTML: ``extract_html_document`` over ``html_pages`` pages,
cycling through the benchmark's pages (and our example corpus's HTML pages
when present).  One untimed warm-up call each loads profiles and compiles
patterns.  Peak memory is the process's peak RSS (``ru_maxrss``), which
includes the in-memory corpus; the RSS before the timed loops is reported too.

Cleaning per line: one plain-text page of 1k, 10k and 100k lines through
``extract_text_document``, CPU time: the first synthetic dump's header (title, date
line, byline) and then the body paragraphs of all dumps in order (real
IndoSum text; cycled when there are fewer), so that nearly every line takes
the cleaner's body path rather than ending in the first comment section.  Time per line should not grow with the page: a
cleaner that compares every line with the whole page (as the pull-quote search
once did) shows here as a per-line time that rises tenfold from 10k to 100k.
"""

from __future__ import annotations

import gzip
import platform
import resource
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.bench.synth import generate

SEED = 20240
LINE_SIZES = (1_000, 10_000, 100_000)
EXAMPLE_CORPUS = Path("examples/corpus")


def _rss_now_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * resource.getpagesize() / (1024 * 1024)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


def _html_documents(data_dir: Path, corpus: Path | None) -> list[Any]:
    from kronik.io.readers import RawDocument, read_documents

    docs: list[Any] = []
    bench = Path(data_dir) / "article-extraction-benchmark" / "html"
    if bench.is_dir():
        for path in sorted(bench.glob("*.html.gz")):
            with gzip.open(path, "rt", encoding="utf8") as fh:
                docs.append(RawDocument(source=str(path), format="html", text=fh.read()))
    if corpus is not None and corpus.is_dir():
        files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.name.lower().endswith((".html", ".htm", ".html.gz"))]
        for item in read_documents(files):
            if isinstance(item, RawDocument) and item.format == "html":
                docs.append(item)
    return docs


def _header_of(text: str, body: list[str]) -> list[str]:
    """The lines of a synthetic dump above its first body paragraph (title, date line, byline, furniture)."""
    lines = text.splitlines()
    first = body[0] if body else None
    return lines[: lines.index(first)] if first in lines else lines[:3]


def _long_page(header: list[str], paragraphs: list[str], n_lines: int) -> Any:
    """One plain-text page of ``n_lines`` lines: ``header``, then ``paragraphs`` in order, cycled if needed."""
    from kronik.io.readers import RawDocument

    head = header[:n_lines]
    body = [paragraphs[i % len(paragraphs)] for i in range(n_lines - len(head))] if paragraphs else []
    return RawDocument(source=f"bench-{n_lines}-lines.txt", format="text", text="\n".join(head + body))


def bench_cleaning(header: list[str], paragraphs: list[str], sizes: tuple[int, ...] = LINE_SIZES) -> list[dict[str, Any]]:
    """Seconds and microseconds per line to extract one page of each size (see the module docstring)."""
    from kronik.extract.outlets import load_profiles
    from kronik.extract.text import extract_text_document

    profiles = load_profiles()
    rows = []
    for size in sizes:
        doc = _long_page(header, paragraphs, size)
        t0 = time.process_time()  # CPU time of this process: other load on a shared machine does not count
        art = extract_text_document(doc, profiles)
        seconds = time.process_time() - t0
        rows.append({"lines": size, "seconds": seconds, "us_per_line": seconds / size * 1e6 if size else None,
                     "kept": len(art.paragraphs)})
    return rows


def bench_extract(n: int, html_pages: int, data_dir: Path, corpus_dir: Path | None = EXAMPLE_CORPUS,
                  line_sizes: tuple[int, ...] = LINE_SIZES) -> dict[str, Any]:
    """Time plain-text and HTML extraction in this process (one core); see the module docstring."""
    from kronik.extract.html import extract_html_document
    from kronik.extract.outlets import load_profiles
    from kronik.model import Article
    from kronik.pipeline import Settings, process_document

    extract_only = Settings(stages=())  # extraction alone; annotation has its own benchmark

    data_dir = Path(data_dir)
    corpus = corpus_dir if corpus_dir is not None and Path(corpus_dir).is_dir() else None

    # --- build the synthetic plain-text corpus (not timed as extraction) ---
    t0 = time.perf_counter()
    synth = list(generate(data_dir, n=n, seed=SEED, corpus_dir=corpus))
    docs = [d.raw() for d in synth]
    gen_seconds = time.perf_counter() - t0
    kinds = Counter(d.kind for d in synth)
    origins = Counter(d.origin for d in synth)
    gold = [d.body for d in synth]
    header = _header_of(synth[0].text, synth[0].body) if synth else []
    del synth
    text_bytes = sum(len(d.text.encode("utf-8")) for d in docs)

    html_docs = _html_documents(data_dir, corpus)
    html_bytes = sum(len(d.text.encode("utf-8")) for d in html_docs)
    rss_before = _rss_now_mb()

    # --- plain text ---
    if docs:
        process_document(docs[0], extract_only)  # warm-up, untimed
    problems: Counter[str] = Counter()
    tp = fp = fn = 0
    t0 = time.perf_counter()
    results = [process_document(doc, extract_only) for doc in docs]
    text_seconds = time.perf_counter() - t0
    for res, body in zip(results, gold, strict=True):
        if isinstance(res, Article):
            got = Counter(res.paragraphs)
        else:
            problems[res.reason] += 1
            got = Counter()
        want = Counter(body)
        shared = sum((got & want).values())
        tp += shared
        fp += sum(got.values()) - shared
        fn += sum(want.values()) - shared
    del results

    # --- one long page per size: cleaning time per line ---
    cleaning = bench_cleaning(header, [p for body in gold for p in body], line_sizes) if docs else []

    # --- HTML ---
    html_seconds = 0.0
    html_raised = html_empty = timed_pages = 0
    if html_docs and html_pages > 0:
        profiles = load_profiles()
        extract_html_document(html_docs[0], profiles)  # warm-up, untimed
        t0 = time.perf_counter()
        for i in range(html_pages):
            doc = html_docs[i % len(html_docs)]
            try:
                art = extract_html_document(doc, profiles)
                if not art.paragraphs:
                    html_empty += 1
            except Exception:  # counted
                html_raised += 1
        html_seconds = time.perf_counter() - t0
        timed_pages = html_pages

    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "articles_per_second": len(docs) / text_seconds if text_seconds > 0 else None,
        "html_pages_per_second": timed_pages / html_seconds if html_seconds > 0 else None,
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_timing_mb": rss_before,
        "n": len(docs),
        "html_pages": timed_pages,
        "html_unique_pages": len(html_docs),
        "mean_article_kb": text_bytes / len(docs) / 1024 if docs else None,
        "mean_html_kb": html_bytes / len(html_docs) / 1024 if html_docs else None,
        "seconds": {"generate": gen_seconds, "text": text_seconds, "html": html_seconds},
        "cleaning_per_line": cleaning,
        "problems": dict(problems),
        "html_failures": {"raised": html_raised, "empty": html_empty},
        "synthetic": {
            "seed": SEED, "kinds": dict(kinds), "origins": dict(origins),
            "paragraph_precision": p, "paragraph_recall": r,
            "paragraph_f1": 2 * p * r / (p + r) if p + r else 0.0,
        },
        "cores": 1,
        "python": platform.python_version(),
    }


def _trunc(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "n/a"
    f = 10 ** digits
    return f"{int(x * f) / f:.{digits}f}"


def render_bench(result: dict[str, Any], console: Console) -> None:
    table = Table(title="Extraction speed, one core (single process)")
    table.add_column("input")
    table.add_column("documents", justify="right")
    table.add_column("mean size", justify="right")
    table.add_column("seconds", justify="right")
    table.add_column("per second", justify="right")
    table.add_row("plain-text dumps (synthetic, extraction only)", str(result["n"]),
                  f"{_trunc(result['mean_article_kb'])} KB", _trunc(result["seconds"]["text"], 2),
                  f"[bold]{_trunc(result['articles_per_second'])}[/bold]")
    table.add_row(f"HTML pages (extract_html_document, {result['html_unique_pages']} unique, cycled)",
                  str(result["html_pages"]), f"{_trunc(result['mean_html_kb'])} KB",
                  _trunc(result["seconds"]["html"], 2), f"[bold]{_trunc(result['html_pages_per_second'])}[/bold]")
    console.print(table)
    if result.get("cleaning_per_line"):
        lines = Table(title="Cleaning one long page (extract_text_document), CPU time per line")
        for col in ("lines", "CPU seconds", "µs per line", "kept lines"):
            lines.add_column(col, justify="right")
        for row in result["cleaning_per_line"]:
            lines.add_row(f"{row['lines']:,}", _trunc(row["seconds"], 2), f"[bold]{_trunc(row['us_per_line'])}[/bold]",
                          f"{row['kept']:,}")
        console.print(lines)
    console.print(f"Peak RSS {_trunc(result['peak_rss_mb'])} MB (ru_maxrss, whole process incl. the in-memory corpus); "
                  f"RSS before the timed loops {_trunc(result['rss_before_timing_mb'])} MB. "
                  f"Corpus generation took {_trunc(result['seconds']['generate'], 2)} s (not included).", highlight=False)
    syn = result["synthetic"]
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(syn["kinds"].items()))
    origins = ", ".join(f"{k} {v}" for k, v in sorted(syn["origins"].items()))
    console.print(f"Synthetic corpus (seed {syn['seed']}): {kinds}; bodies from {origins}. "
                  f"Body paragraph P/R/F1 against the generator's labels: {_trunc(syn['paragraph_precision'], 3)} / "
                  f"{_trunc(syn['paragraph_recall'], 3)} / {_trunc(syn['paragraph_f1'], 3)} "
                  "(synthetic furniture, a sanity check, not a quality claim).", highlight=False)
    probs = ", ".join(f"{k} {v}" for k, v in result["problems"].items()) or "none"
    hf = result["html_failures"]
    console.print(f"Plain-text documents returned as problems: {probs}. HTML pages that raised: {hf['raised']}, "
                  f"returned no text: {hf['empty']}. Python {result['python']}.", highlight=False)
