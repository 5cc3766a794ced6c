"""The ``kronik`` command line: thin wrappers over library functions.

Every ``eval`` and ``bench`` command prints a readable table, or with
``--json`` exactly one JSON object of its figures on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kronik import __version__
from kronik.io.readers import FieldMap
from kronik.model import Article, Output, Problem, dumps_output, json_schema

app = typer.Typer(help="Kronik: raw news files in, clean articles, events and stories out.", no_args_is_help=True,
                  add_completion=False)
eval_app = typer.Typer(help="Measure quality against labelled data and baselines.", no_args_is_help=True)
bench_app = typer.Typer(help="Measure speed and memory.", no_args_is_help=True)
train_app = typer.Typer(help="Train the small models Kronik ships (reproducible, offline).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(bench_app, name="bench")
app.add_typer(train_app, name="train")

from kronik.cli_ui import install as _readable_help  # noqa: E402

_readable_help()  # PATH..., TEXT, nothing after a flag (not <list[Path]>, <str>, <bool>)

err = Console(stderr=True)
out = Console()

SHARED_DATA = Path("../shared/data")

FieldOpt = Annotated[list[str] | None, typer.Option(
    "--field", help="Export column for a role, ROLE=NAME (roles: title, text, url, date, outlet, author). Repeatable.")]
DateOrderOpt = Annotated[str, typer.Option("--date-order", help="Day/month order of exports' numeric dates: auto "
                                          "(decided per column from all its values, the bodies and the URLs), DMY or MDY.")]
OutletsOpt = Annotated[str | None, typer.Option("--outlets", help="JSON file of extra outlet profiles.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object of the figures.")]
EngineOpt = Annotated[str, typer.Option("--engine", help="Where the per-article stages run: local (--jobs processes) or dask.")]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); implies --engine dask. "
                                                  "Without it --engine dask starts a local cluster.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster (default 2).")]
LineModelOpt = Annotated[bool, typer.Option("--line-model", help="Let the trained line labeller remove lines the rules kept (experimental).")]


def _fields(specs: list[str] | None, date_order: str = "auto") -> FieldMap:
    try:
        fm = FieldMap().with_date_order(date_order)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--date-order") from exc
    if not specs:
        return fm
    try:
        return fm.override(FieldMap.parse_specs(specs))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--field") from exc


def _settings(outlets: str | None, line_model: bool = False) -> Any:
    """The pipeline settings; a bad ``--outlets`` file is a configuration error here, before any document
    is read (exit 2), not a failure of every document."""
    from kronik.pipeline import Settings

    if outlets:
        from kronik.extract.outlets import load_profiles

        try:
            load_profiles(outlets)
        except Exception as exc:
            err.print(f"[red]cannot use --outlets {rich_escape(outlets)}:[/red] {rich_escape(f'{type(exc).__name__}: {exc}')}",
                      highlight=False)
            raise typer.Exit(2) from exc
    return Settings(outlets_file=outlets, line_model=line_model)


def _missing(paths: list[Path]) -> None:
    """Exit 2 when a path given does not exist (a link that does is read, and reported if broken)."""
    import os

    from kronik.io.files import source_label

    missing = [source_label(p) for p in paths if not os.path.lexists(p)]
    if missing:
        err.print(f"[red]not found:[/red] {rich_escape(', '.join(missing))}", highlight=False)
        raise typer.Exit(2)


def _hide_password(db: str) -> str:
    """A database URL fit for a message (no password)."""
    if "://" not in db:
        return db
    from sqlalchemy import make_url

    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:
        return db.split("://", 1)[0] + "://..."


def _exit_if_all_failed(seen: int, problems: int) -> None:
    """Exit 1 when there were inputs and every one of them failed (a partial failure exits 0)."""
    if seen and problems >= seen:
        err.print(f"[red]every input failed ({problems} problems)[/red]", highlight=False)
        raise typer.Exit(1)


def _engine_kind(engine: str, scheduler: str | None) -> str:
    kind = "dask" if scheduler else engine.lower()
    if kind not in ("local", "dask"):
        raise typer.BadParameter(f"expected local or dask, got {engine!r}", param_hint="--engine")
    return kind


def _require_data(data: Path, folder: str, label: str, why: str = "") -> None:
    """Exit 2 with a clear message when a shared data set an eval or bench reads is missing."""
    if not (data / folder).is_dir():
        err.print(f"[red]{label} not found under[/red] {data}{why}")
        raise typer.Exit(2)


def _report_problems(problems: list[Problem]) -> None:
    for p in problems:
        err.print(f"[yellow]skipped[/yellow] {rich_escape(p.source)}: [bold]{p.reason}[/bold] {rich_escape(p.detail)}",
                  highlight=False, soft_wrap=True)


def _emit(payload: dict[str, Any], as_json: bool, render: Any) -> None:
    if as_json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        render(payload, out)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the kronik/1 output."""
    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files and directories (recursively): .txt, .html, .jsonl, .csv, and .gz of them.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one document) or jsonl (one article per line).")] = "json",
    field: FieldOpt = None,
    date_order: DateOrderOpt = "auto",
    outlets: OutletsOpt = None,
    jobs: JobsOpt = 1,
    line_model: LineModelOpt = False,
) -> None:
    """Extract clean articles with metadata and print them (kronik/1 JSON)."""
    from kronik.pipeline import analyze as run

    if fmt not in ("json", "jsonl"):
        raise typer.BadParameter("expected json or jsonl", param_hint="--format")
    _missing(paths)
    result = Output()
    n_articles = 0
    warnings: dict[str, None] = {}
    for _, res in run(paths, fields=_fields(field, date_order), settings=_settings(outlets, line_model), jobs=jobs):
        if isinstance(res, Problem):
            result.problems.append(res)
            continue
        n_articles += 1
        warnings.update(dict.fromkeys(res.warnings))
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(res.model_dump(), ensure_ascii=False) + "\n")
        else:
            result.articles.append(res)
    if fmt == "json" and result.articles:
        from kronik.corpus import run_corpus

        # Corpus stages: duplicates, events and stories over everything read in this run.
        _, result.events, result.stories, _ = run_corpus(result.articles)
        from kronik.summarize import describe

        describe(result.articles, result.events, result.stories)
    if fmt == "json":
        sys.stdout.write(dumps_output(result) + "\n")
    _report_problems(result.problems)
    for warning in warnings:
        err.print(f"[yellow]warning:[/yellow] {rich_escape(warning)}")
    err.print(f"{n_articles} articles, {len(result.problems)} problems", highlight=False)
    _exit_if_all_failed(n_articles + len(result.problems), len(result.problems))


@app.command()
def inspect(
    paths: Annotated[list[Path], typer.Argument(help="Files to inspect (exports, pages, dumps).")],
    field: FieldOpt = None,
    date_order: DateOrderOpt = "auto",
    as_json: JsonOpt = False,
) -> None:
    """How each file will be read, before anything is stored: format, encoding, column mapping, the date
    column's day/month order with its evidence, duplicate listings, the first records as they come out."""
    from kronik.io.inspect import inspect_file

    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        err.print(f"[red]not a file:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    fields = _fields(field, date_order)
    reports = [inspect_file(p, fields) for p in paths]
    if as_json:
        sys.stdout.write(json.dumps(reports if len(reports) > 1 else reports[0], ensure_ascii=False, indent=2) + "\n")
        return
    console = Console()
    for rep in reports:
        _render_inspection(rep, console)


def _render_inspection(rep: dict[str, Any], console: Console) -> None:
    from rich.table import Table

    console.rule(rich_escape(rep["file"]))
    if "problem" in rep:
        console.print(f"[red]{rep['problem']['reason']}[/red]: {rich_escape(rep['problem']['detail'])}")
        return
    head = f"format [bold]{rep['format']}[/bold], encoding {rep['encoding']}, {rep['bytes']:,} bytes, {rep['records']} records"
    if "articles" in rep:
        head += f" -> {rep['articles']} articles ({rep['duplicate_listings']} listings of an article already listed, "
        head += f"{rep['problem_count']} problems)"
    console.print(head, highlight=False)
    if "columns" in rep:
        cols = Table(title="Columns", show_edge=False)
        cols.add_column("role")
        cols.add_column("column")
        for role in ("title", "text", "date", "url", "outlet", "author"):
            chosen = rep["columns"]["mapping"].get(role)
            cols.add_row(role, rich_escape(chosen) if chosen else "[dim]none[/dim]")
        console.print(cols)
        if rep["columns"]["unused"]:
            console.print("not used: " + rich_escape(", ".join(rep["columns"]["unused"])), highlight=False)
        date = rep["date"]
        if date["column"]:
            console.print(f"dates: {rich_escape(', '.join(date['samples'][:3]))} -> "
                          f"{rich_escape(date['evidence'] or 'not numeric: read as written')}", highlight=False)
        for p in rep["problems"][:5]:
            console.print(f"[yellow]{p['reason']}[/yellow] {rich_escape(p['source'])}: {rich_escape(p['detail'])}")
    for w in rep.get("warnings", []):
        console.print(f"[yellow]warning:[/yellow] {rich_escape(w)}")
    prev = Table(title="First records as read", show_lines=True)
    for col in ("source", "title", "published", "outlet", "lead"):
        prev.add_column(col, overflow="fold")
    for row in rep.get("preview", []):
        pub = f"{row.get('published')} ({row.get('published_basis')})" if row.get("published") else "-"
        prev.add_row(rich_escape(row["source"].rsplit("/", 1)[-1]), rich_escape(row.get("title") or "-"), pub,
                     rich_escape(row.get("outlet") or "-"), rich_escape((row.get("lead") or row.get("error") or "")[:100]))
    console.print(prev)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and directories to ingest.")],
    db: Annotated[str, typer.Option("--db", help="SQLite file path or database URL.")] = "kronik.db",
    field: FieldOpt = None,
    date_order: DateOrderOpt = "auto",
    outlets: OutletsOpt = None,
    jobs: JobsOpt = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per transaction.")] = 200,
    line_model: LineModelOpt = False,
    cluster: Annotated[bool, typer.Option("--cluster/--no-cluster",
                                          help="Extend duplicates, events and stories with the new articles.")] = True,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Run the pipeline and store the results (idempotent: stored files are skipped), then extend
    events and stories incrementally with what is new."""
    from kronik.ingest import ingest as run
    from kronik.store import open_store

    _missing(paths)
    store = open_store(db)
    from kronik.cli_ui import count_documents

    total = None if quiet else count_documents(paths, _fields(field, date_order))  # a total and an ETA
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=err, disable=quiet,
                  transient=True) as progress:
        task = progress.add_task("ingesting", total=total)

        def tick(_doc: object, _res: Article | Problem) -> None:
            progress.advance(task)

        report = run(paths, store, fields=_fields(field, date_order), settings=_settings(outlets, line_model), jobs=jobs, batch_size=batch,
                     on_result=tick, cluster=cluster, engine=_engine_kind(engine, scheduler), scheduler=scheduler,
                     workers=workers)
    _report_problems(report.problems)
    counts = store.counts()
    err.print(
        f"read {report.seen} documents: {report.articles} new articles, {report.skipped} already stored, "
        f"{report.same_article} repeats of a stored article, {len(report.problems)} problems. "
        f"Store now holds {counts['articles']} articles in {counts['events']} events and {counts['stories']} stories.",
        highlight=False)
    _exit_if_all_failed(report.seen, len(report.problems))


@app.command()
def watch(
    directory: Annotated[Path, typer.Argument(help="Folder to watch (recursively).")],
    db: Annotated[str, typer.Option("--db", help="SQLite file path or database URL.")] = "kronik.db",
    interval: Annotated[float, typer.Option("--interval", min=0.05, help="Seconds between polls.")] = 2.0,
    once: Annotated[bool, typer.Option("--once", help="Exit once every file present has been ingested.")] = False,
    max_polls: Annotated[int | None, typer.Option("--max-polls", min=1, help="Exit after this many polls.")] = None,
    field: FieldOpt = None,
    outlets: OutletsOpt = None,
    jobs: JobsOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per ingest round.")] = False,
) -> None:
    """Ingest files as they appear in DIR (once their size is stable; *.part, *.tmp and dotfiles are
    ignored), extending duplicates, events and stories after each round. Ctrl-C stops it."""
    from kronik.store import open_store
    from kronik.watch import describe_round
    from kronik.watch import watch as run

    if not directory.is_dir():
        err.print(f"[red]not a folder:[/red] {directory}")
        raise typer.Exit(2)
    store = open_store(db)

    def on_round(files: list[Path], report: Any) -> None:
        _report_problems(report.problems)
        if not quiet:
            err.print(describe_round(files, report, store), highlight=False)

    def on_error(files: list[Path], exc: Exception) -> None:
        from kronik.io.files import source_label

        what = source_label(files[0]) if len(files) == 1 else f"a round of {len(files)} files"
        err.print(f"[red]{rich_escape(what)} failed, tried again later (backing off):[/red] {rich_escape(str(exc))}",
                  highlight=False)

    if not quiet:
        err.print(f"watching {directory} every {interval:g} s; store {db}", highlight=False)
    try:
        state = run(directory, store, interval=interval, once=once, max_polls=max_polls, engine=_engine_kind(engine, scheduler),
                    jobs=jobs, scheduler=scheduler, workers=workers, settings=_settings(outlets), fields=_fields(field),
                    on_round=on_round, on_error=on_error, on_problems=_report_problems)
    except KeyboardInterrupt:
        err.print("stopped", highlight=False)
        return
    err.print(f"{state.polls} polls, {state.files} files ingested in {state.rounds} rounds, {state.articles} new articles",
              highlight=False)


@app.command("cluster")
def cluster_cmd(
    db: Annotated[str, typer.Option("--db", help="SQLite file path or database URL.")] = "kronik.db",
    reset: Annotated[bool, typer.Option("--reset", help="Cluster every article again from scratch (from stored features).")] = False,
    settings_file: Annotated[Path | None, typer.Option(
        "--settings", help="JSON object of corpus settings to change (thresholds, weights; with --reset).")] = None,
) -> None:
    """Run the corpus pass over the store: duplicates, events and stories for articles not yet clustered."""
    from kronik.corpus.incremental import update_store
    from kronik.corpus.settings import CorpusSettings
    from kronik.store import open_store

    if settings_file is not None and not reset:
        raise typer.BadParameter("new settings apply to a clustering from scratch: add --reset", param_hint="--settings")
    try:
        settings = CorpusSettings.from_file(settings_file) if settings_file else None
        rep = update_store(open_store(db, create=False), settings, reset=reset)
    except (ValueError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    err.print(f"clustered {rep.articles} articles; touched {rep.events_touched} events and {rep.stories_touched} stories; "
              f"the store has {rep.events_total} events in {rep.stories_total} stories.", highlight=False)


SearchFilters = dict[str, str | None]
QOpt = Annotated[str | None, typer.Option("--q", "-q", help="Search query (stemmed: 'berdialog' finds 'dialog'); "
                                          "words are ANDed, \"a phrase\", a OR b, -word, prefix*.")]
OutletFilter = Annotated[str | None, typer.Option("--outlet", help="Only this outlet (display name).")]
LanguageFilter = Annotated[str | None, typer.Option("--language", help="Only this language code (id, en).")]
FromFilter = Annotated[str | None, typer.Option("--from", help="Published on or after (ISO date).")]
ToFilter = Annotated[str | None, typer.Option("--to", help="Published on or before (ISO date, whole day).")]
EntityFilter = Annotated[str | None, typer.Option("--entity", help="Mentions this entity (canonical name).")]
SpeakerFilter = Annotated[str | None, typer.Option("--speaker", help="Quotes this speaker.")]
EventFilter = Annotated[str | None, typer.Option("--event", help="In this event (ev-...).")]
StoryFilter = Annotated[str | None, typer.Option("--story", help="In this story (st-...).")]


@app.command()
def export(
    db: Annotated[str, typer.Option("--db", help="SQLite file path or database URL.")] = "kronik.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one kronik/1 document), jsonl (one article per line), "
                                                            "csv (flat columns) or parquet.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    q: QOpt = None, outlet: OutletFilter = None, language: LanguageFilter = None, date_from: FromFilter = None,
    date_to: ToFilter = None, entity: EntityFilter = None, speaker: SpeakerFilter = None, event: EventFilter = None,
    story: StoryFilter = None,
) -> None:
    """Export the stored corpus (kronik/1), or only the articles a search finds (--q and/or filters)."""
    from kronik.io import writers
    from kronik.store import open_store
    from kronik.store.search import SearchQuery

    if fmt not in writers.FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(writers.FORMATS)}", param_hint="--format")
    store = open_store(db, create=False)
    sq = SearchQuery(q=q or "", outlet=outlet, language=language, date_from=date_from, date_to=date_to, entity=entity,
                     speaker=speaker, event=event, story=story)
    articles = writers.export_articles(store, sq)
    if fmt == "parquet":
        if output is None:
            writers.write_parquet(articles, sys.stdout.buffer)
        else:
            writers.write_parquet(articles, str(output))
        return
    fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            writers.write_jsonl(articles, fh)
        elif fmt == "csv":
            writers.write_csv(articles, fh)
        else:
            writers.write_json(store, articles, fh, everything=not (sq.q.strip() or sq.filters()))
    finally:
        if output:
            fh.close()


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words (stemmed: 'berdialog' finds 'dialog'), \"a phrase\", a OR b, -word, prefix*.")] = "",
    db: Annotated[str, typer.Option("--db")] = "kronik.db",
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, max=200)] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0, max=10_000, help="Skip this many hits (at most 10,000; "
                                        "`kronik export --q` writes every hit).")] = 0,
    outlet: OutletFilter = None, language: LanguageFilter = None, date_from: FromFilter = None, date_to: ToFilter = None,
    entity: EntityFilter = None, speaker: SpeakerFilter = None, event: EventFilter = None, story: StoryFilter = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance (best match first), newest or oldest.")] = "relevance",
    as_json: JsonOpt = False,
) -> None:
    """Ranked full-text search over the stored articles, with filters (same engine as GET /api/search)."""
    from kronik.store import open_store
    from kronik.store.search import SearchQuery
    from kronik.store.search import search as run

    res = run(open_store(db, create=False), SearchQuery(q=query, outlet=outlet, language=language, date_from=date_from,
                                          date_to=date_to, entity=entity, speaker=speaker, event=event, story=story,
                                          limit=limit, offset=offset, sort=sort))

    def render(r: dict[str, Any], console: Console) -> None:
        for row in r["results"]:
            snip = row["snippet"].replace("[[", "[bold yellow]").replace("]]", "[/bold yellow]")
            console.print(f"[bold]{rich_escape(row['title'] or '(untitled)')}[/bold]  [dim]{row['id']} "
                          f"{row['outlet'] or ''} {row['published'] or ''}[/dim]", highlight=False)
            console.print("  " + _markers_only(snip), highlight=False)
        console.print(f"[dim]{r['total']} matches[/dim]", highlight=False)

    _emit(res, as_json, render)


def _markers_only(snippet_markup: str) -> str:
    """Escape Rich markup in article text, keeping only our highlight tags."""
    from rich.markup import escape

    parts = snippet_markup.split("[bold yellow]")
    out = [escape(parts[0])]
    for p in parts[1:]:
        hit, _, rest = p.partition("[/bold yellow]")
        out.append(f"[bold yellow]{escape(hit)}[/bold yellow]{escape(rest)}")
    return "".join(out)


def rich_escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", help="SQLite file path or database URL (postgresql://...).")] = "kronik.db",
    port: Annotated[int, typer.Option("--port", "-p")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (loopback by default; beyond it the "
                                                     "server is read-only unless a write token is set).")] = "127.0.0.1",
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Where uploads are saved (default: next to a SQLite "
                                                                     "file, else a temporary folder).")] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, help="Upload size limit per request.")] = 50,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes (read-mostly deployments; "
                                                                   "upload jobs are tracked per process).")] = 1,
    write_token: Annotated[list[str] | None, typer.Option(
        "--write-token", "--token", help="Token for writes (ingest, cluster), sent as Authorization: Bearer. Visible in "
        "the process list: prefer KRONIK_WRITE_TOKEN or --token-file.", show_default=False)] = None,
    read_token: Annotated[list[str] | None, typer.Option(
        "--read-token", help="Token every API read needs (default: reads are open); or KRONIK_READ_TOKEN.",
        show_default=False)] = None,
    token_file: Annotated[Path | None, typer.Option(
        "--token-file", help="File of tokens (mode 600): a line per token, 'read:TOKEN' for a read token, "
        "a bare line for a write token.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Host name the Host header may carry besides loopback names and the bound address "
        "(repeatable; '*' turns the check off).")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="Origin allowed to call the API from a browser (repeatable; default: none).")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every write, tokens or not.")] = False,
    keep_uploads: Annotated[bool, typer.Option("--keep-uploads", help="Keep uploaded files after ingesting them "
                                                                      "(default: deleted).")] = False,
    write_rate: Annotated[float, typer.Option("--write-rate", min=0, help="Writes per minute per client address "
                                                                          "(bursts of 20; 0: unlimited).")] = 60.0,
) -> None:
    """Serve the web UI at / and the JSON API under /api/ (documented at /docs and /redoc; OpenAPI
    document at /openapi.json).

    Safe by default: on loopback without a token, writes are open to this machine's users but never to
    another site's pages; bound beyond loopback the server is read-only unless a write token is set
    (README: "Sharing a server")."""
    from kronik.api.security import Policy
    from kronik.api.serve import read_tokens, run_server

    writes, reads = read_tokens(token_file, write_token, read_token)
    policy = Policy.for_bind(host, write_tokens=writes, read_tokens=reads, allow_hosts=allow_host or (),
                             cors_origins=cors_origin or (), read_only=read_only, write_rate=write_rate,
                             max_upload_bytes=max_upload_mb * 1024 * 1024)
    run_server(db, host=host, port=port, data_dir=data_dir, max_upload_bytes=max_upload_mb * 1024 * 1024,
               workers=workers, log=err, policy=policy, keep_uploads=keep_uploads)


db_app = typer.Typer(help="Database schema (Alembic migrations; the store also upgrades itself on open).",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    db: Annotated[str, typer.Option("--db", help="SQLite file path or database URL.")] = "kronik.db",
    revision: Annotated[str, typer.Option("--revision", help="Target revision.")] = "head",
) -> None:
    """Upgrade the database schema to the newest (or the given) revision."""
    from sqlalchemy import create_engine

    from kronik.store.db import database_url
    from kronik.store.migrate import current_revision, upgrade

    engine = create_engine(database_url(db))
    before = upgrade(engine, revision)
    err.print(f"schema revision {before or '(none)'} -> {current_revision(engine)}", highlight=False)


@eval_app.command("lines")
def eval_lines(
    corpus: Annotated[Path, typer.Argument(help="A labelled corpus folder with labels.jsonl.")] = Path("examples/corpus"),
    as_json: JsonOpt = False,
    line_model: LineModelOpt = False,
) -> None:
    """Line-level body precision/recall/F1 and metadata accuracy, ours vs keep-all, jusText and C4 rules."""
    from kronik.eval.lines import evaluate_lines, render_lines

    if not (corpus / "labels.jsonl").is_file():
        err.print(f"[red]no labels.jsonl in[/red] {corpus}")
        raise typer.Exit(2)
    _emit(evaluate_lines(corpus, line_model=line_model), as_json, render_lines)


@eval_app.command("export")
def eval_export(
    path: Annotated[Path, typer.Argument(help="A CSV export to read (default: the shared real Detik export).")]
        = SHARED_DATA / "real-news" / "detik-2025-10-20.csv",
    title_column: Annotated[str, typer.Option(help="Truth: the column with the title.")] = "judul",
    date_column: Annotated[str, typer.Option(help="Truth: the column with the publication time.")] = "tanggal",
    url_column: Annotated[str, typer.Option(help="Truth: the column with the URL.")] = "tautan",
    date_format: Annotated[str, typer.Option(help="Truth: strptime format of the date column.")] = "%m/%d/%Y %H:%M",
    zone: Annotated[str, typer.Option(help="Truth: UTC offset of the date column.")] = "+07:00",
    outlet: Annotated[str, typer.Option(help="Truth: the outlet of every row.")] = "Detik.com",
    as_json: JsonOpt = False,
) -> None:
    """An export read whole: rows lost, published date+time, outlet and title against the file's own values
    read correctly (Kronik itself is told none of the truth options), CSV and a JSON lines copy."""
    from kronik.eval.exports import Truth, evaluate_export, render_export

    if not path.is_file():
        err.print(f"[red]export not found:[/red] {path}")
        raise typer.Exit(2)
    truth = Truth(title_column, date_column, url_column, date_format, zone, outlet)
    _emit(evaluate_export(path, truth), as_json, render_export)


@eval_app.command("extraction")
def eval_extraction(
    bench_dir: Annotated[Path, typer.Argument(help="The article-extraction-benchmark folder.")] = SHARED_DATA / "article-extraction-benchmark",
    as_json: JsonOpt = False,
) -> None:
    """HTML main-text shingle F1 on the extraction benchmark, ours vs plain trafilatura."""
    from kronik.eval.extraction import evaluate_extraction, render_extraction

    if not bench_dir.is_dir():
        err.print(f"[red]benchmark not found:[/red] {bench_dir}")
        raise typer.Exit(2)
    _emit(evaluate_extraction(bench_dir), as_json, render_extraction)


@eval_app.command("html-meta")
def eval_html_meta(
    dirs: Annotated[list[Path] | None, typer.Argument(help="Folders of HTML pages with a gold.jsonl.")] = None,
    shared: Annotated[Path, typer.Option("--shared", help="The shared data folder (real pages, hand-labelled).")] = SHARED_DATA,
    as_json: JsonOpt = False,
) -> None:
    """HTML page title, published date+time, outlet and body: ours vs trafilatura's own metadata."""
    from kronik.eval.htmlmeta import evaluate_html_meta, render_html_meta

    folders = dirs or [Path("examples/html-pages")]
    for folder in folders:
        if not (folder / "gold.jsonl").is_file():
            err.print(f"[red]no gold.jsonl in[/red] {folder}")
            raise typer.Exit(2)
    _emit(evaluate_html_meta(folders, shared), as_json, render_html_meta)


@eval_app.command("wires")
def eval_wires(
    t17: Annotated[Path, typer.Option("--t17", help="Timeline17 folder (its *_reuters sets are read).")] = SHARED_DATA / "t17",
    as_json: JsonOpt = False,
) -> None:
    """Reuters datelines, wire credits and footers on Timeline17's Reuters sets: ours vs keeping every line."""
    from kronik.eval.wires import evaluate_wires, render_wires

    if not t17.is_dir() or not any(p.name.endswith("_reuters") for p in t17.iterdir()):
        err.print(f"[red]no Timeline17 Reuters sets in[/red] {t17}")
        raise typer.Exit(2)
    _emit(evaluate_wires(t17), as_json, render_wires)


@eval_app.command("timex")
def eval_timex(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of TimeML files (IndoTimex gold, cp1252).")] = SHARED_DATA / "indotimex" / "gold",
    as_json: JsonOpt = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every missed, spurious and wrongly valued expression.")] = False,
) -> None:
    """Time expressions: strict/relaxed extent and value F1 (TempEval-3 style), ours vs dateparser."""
    from kronik.eval.timex import evaluate_timex, render_timex

    if not gold_dir.is_dir():
        err.print(f"[red]gold folder not found:[/red] {gold_dir}")
        raise typer.Exit(2)
    _emit(evaluate_timex(gold_dir), as_json, lambda r, c: render_timex(r, c, errors=errors))


@eval_app.command("ner")
def eval_ner(
    files: Annotated[list[Path] | None, typer.Argument(help="CoNLL or token-TAB-tag files, or folders of them.")] = None,
    model: Annotated[Path | None, typer.Option("--model", help="A model file other than the shipped one.")] = None,
    alias_pass: Annotated[bool, typer.Option("--alias-pass", help="Score the stage's output (tagger + alias table).")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Whose shipped model: id, or en (MISC scored apart).")] = "id",
    as_json: JsonOpt = False,
) -> None:
    """Entity-level precision, recall and F1 per label (exact span and type, CoNLL style)."""
    from kronik.eval.ner import evaluate_ner, render_ner

    if lang not in ("id", "en"):
        err.print(f"[red]--lang must be id or en, not[/red] {lang}")
        raise typer.Exit(2)
    files = files or [SHARED_DATA / "ner" / ("conll2003" if lang == "en" else "idner-news-2k") / "dev.txt"]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        err.print(f"[red]not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    _emit(evaluate_ner(files, model=model, alias_pass=alias_pass, lang=lang), as_json, render_ner)


@eval_app.command("quotes")
def eval_quotes(
    data_dir: Annotated[Path, typer.Argument(help="Labelled raw articles with gold.jsonl.")] = Path("tests/data/quotes"),
    pfsa: Annotated[Path | None, typer.Option("--pfsa", help="Score statements and speakers on a PFSA-ID tagged file "
                                                          "instead (token TAB BILOU tag, Kompas articles).")] = None,
    polnear: Annotated[Path | None, typer.Option("--polnear", help="Score English attribution (quote F1, speaker "
                                                                "accuracy) on a PolNeAR folder (text/, attributions/).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Direct quotes: precision, recall, F1 and speaker accuracy, ours vs a naive baseline, per split."""
    from kronik.eval.quotes import evaluate_quotes, render_quotes

    if polnear is not None:
        from kronik.eval.polnear import evaluate_polnear, render_polnear

        if not (polnear / "text").is_dir() or not (polnear / "attributions").is_dir():
            err.print(f"[red]no text/ and attributions/ in[/red] {polnear}")
            raise typer.Exit(2)
        _emit(evaluate_polnear(polnear), as_json, render_polnear)
        return

    if pfsa is not None:
        from kronik.eval.pfsa import evaluate_pfsa, render_pfsa

        if not pfsa.is_file():
            err.print(f"[red]PFSA-ID file not found:[/red] {pfsa}")
            raise typer.Exit(2)
        _emit(evaluate_pfsa(pfsa), as_json, render_pfsa)
        return
    if not (data_dir / "gold.jsonl").is_file():
        err.print(f"[red]no gold.jsonl in[/red] {data_dir}")
        raise typer.Exit(2)
    _emit(evaluate_quotes(data_dir), as_json, render_quotes)


@eval_app.command("realnews")
def eval_realnews(
    gold: Annotated[Path, typer.Argument(help="Hand annotations (JSON lines by URL, see GUIDELINES.md beside them).")]
        = SHARED_DATA / "real-news" / "annotations-2025-10-20.jsonl",
    export: Annotated[Path | None, typer.Option("--export", help="The export holding the articles (default: "
                                                                  "detik-DAY.csv beside the annotations).")] = None,
    as_json: JsonOpt = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mismatch.")] = False,
) -> None:
    """Entities, direct and indirect quotes with speakers, and times against hand-annotated real news."""
    from kronik.eval.realnews import default_export, evaluate_realnews, render_realnews

    export = export or default_export(gold)
    missing = [str(p) for p in (gold, export) if not p.is_file()]
    if missing:
        err.print(f"[red]not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    _emit(evaluate_realnews(gold, export), as_json, lambda r, c: render_realnews(r, c, errors=errors))


@eval_app.command("clusters")
def eval_clusters(
    corpus: Annotated[Path, typer.Option("--corpus", help="Labelled corpus (labels.jsonl with story/event).")] = Path("examples/corpus"),
    t17: Annotated[Path, typer.Option("--t17", help="Timeline17 folder.")] = SHARED_DATA / "t17",
    indotimex: Annotated[Path, typer.Option("--indotimex", help="IndoTimex folder.")] = SHARED_DATA / "indotimex",
    real: Annotated[Path, typer.Option("--real", help="Real-news folder (an export and its event/story gold by URL).")] = SHARED_DATA / "real-news",
    as_json: JsonOpt = False,
) -> None:
    """Events and stories: pairwise and B-cubed P/R/F1 on each input given (missing ones are skipped)."""
    from kronik.eval.clusters import evaluate_clusters, render_clusters

    _emit(evaluate_clusters(corpus if (corpus / "labels.jsonl").is_file() else None,
                            t17 if t17.is_dir() else None, indotimex if indotimex.is_dir() else None,
                            real if real.is_dir() else None),
          as_json, render_clusters)


@eval_app.command("crosslingual")
def eval_crosslingual(
    data_dir: Annotated[Path, typer.Argument(help="Folder with en/<doc>.txt and id/<doc>.txt (same name = same document).")] = SHARED_DATA / "crosslingual" / "ntrex-dev",
    as_json: JsonOpt = False,
) -> None:
    """Indonesian translations against their English originals: P@1 of the ranking and same-event share, each
    with its baseline (shared-token cosine; clustering with names and dates only)."""
    from kronik.eval.crosslingual import evaluate_crosslingual, render_crosslingual

    if not (data_dir / "en").is_dir() or not (data_dir / "id").is_dir():
        err.print(f"[red]expected en/ and id/ folders under[/red] {data_dir}")
        raise typer.Exit(2)
    try:
        res = evaluate_crosslingual(data_dir)
    except ValueError as exc:
        err.print(f"[red]{rich_escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    _emit(res, as_json, render_crosslingual)


@eval_app.command("dedup")
def eval_dedup(
    corpus: Annotated[Path, typer.Option("--corpus", help="Labelled corpus (duplicate_of labels).")] = Path("examples/corpus"),
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (IndoSum repeats, synthetic copies).")] = SHARED_DATA,
    as_json: JsonOpt = False,
) -> None:
    """Precision and recall of duplicate pairs."""
    from kronik.eval.dedup import evaluate_dedup, render_dedup

    _emit(evaluate_dedup(corpus if (corpus / "labels.jsonl").is_file() else None,
                         data if (data / "indosum").is_dir() else None), as_json, render_dedup)


@eval_app.command("summaries")
def eval_summaries(
    data_dir: Annotated[Path, typer.Argument(help="IndoSum folder with dev.0N.jsonl folds.")] = SHARED_DATA / "indosum",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Evaluate only the first N articles (quick run).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Single-document summaries on IndoSum dev: ROUGE-1/2/L F of ours (cross-fold), LEAD-3 and TextRank."""
    from kronik.eval.summaries import evaluate_summaries, render_summaries

    if not any(data_dir.glob("dev.*.jsonl")):
        err.print(f"[red]no IndoSum dev.*.jsonl under[/red] {data_dir}")
        raise typer.Exit(2)
    _emit(evaluate_summaries(data_dir, limit=limit), as_json, render_summaries)


@eval_app.command("reading")
def eval_reading(
    real: Annotated[Path, typer.Option("--real", help="Real-news folder (an export and its event gold by URL).")] = SHARED_DATA / "real-news",
    corpus: Annotated[Path, typer.Option("--corpus", help="Labelled corpus (labels.jsonl with events).")] = Path("examples/corpus"),
    t17: Annotated[Path | None, typer.Option("--t17", help="Also Timeline17 (English; slow: annotates every article).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Event summaries opening with a reference they lack ("Hal itu", "Namun", "It"), and titles from the
    event's main happening: ours vs the earlier picker, on each input given (missing ones are skipped)."""
    from kronik.eval.reading import evaluate_reading, render_reading

    _emit(evaluate_reading(real if real.is_dir() else None, corpus, t17), as_json, render_reading)


@eval_app.command("tls")
def eval_tls(
    t17: Annotated[Path, typer.Argument(help="Timeline17 folder (<topic>_<source>/articles.jsonl + timelines.jsonl).")] = SHARED_DATA / "t17",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N topic sets.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Only this topic or topic set (e.g. H1N1, bpoil_bbc); repeatable.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Timelines on Timeline17 (news-tls protocol), leave-one-topic-out: ROUGE-1/2 F (m:1) and date F1, ours vs MentionCount and pub_lead."""
    from kronik.eval.tls import evaluate_tls, render_tls

    if not t17.is_dir():
        err.print(f"[red]Timeline17 not found:[/red] {t17}")
        raise typer.Exit(2)
    try:
        res = evaluate_tls(t17, limit=limit, only=topic)
    except (ValueError, FileNotFoundError) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    _emit(res, as_json, render_tls)


@bench_app.command("cluster")
def bench_cluster_cmd(
    size: Annotated[list[int] | None, typer.Option("--size", help="Stream size; repeatable.")] = None,
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (IndoSum).")] = SHARED_DATA,
    pass_at: Annotated[list[int] | None, typer.Option("--pass-at", help="Stored size at which one pass of 1,000 new "
                                                      "articles is timed; repeatable (default 10k, 50k, 200k).")] = None,
    passes_only: Annotated[bool, typer.Option("--passes-only", help="Only the pass timings.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Time and peak memory of dedup, clustering and stories for streams of each size, and the time of one
    corpus pass of 1,000 new articles as the store grows."""
    from kronik.bench.cluster import bench_cluster, render_bench_cluster

    _require_data(data, "indosum", "IndoSum")
    _emit(bench_cluster([] if passes_only else size or [10_000, 50_000, 100_000], data,
                        pass_at=pass_at or [10_000, 50_000, 200_000]), as_json, render_bench_cluster)


@bench_app.command("story")
def bench_story_cmd(
    n: Annotated[int, typer.Option("--n", min=1, help="Articles in the story.")] = 1000,
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (Timeline17).")] = SHARED_DATA,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Timed runs (the best is reported).")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Seconds to build one story's event summaries and timelines for N annotated articles, on one core."""
    from kronik.bench.story import bench_story, render_bench_story

    _require_data(data, "t17", "Timeline17")
    _emit(bench_story(n, data / "t17", repeat=repeat), as_json, render_bench_story)


@bench_app.command("all")
def bench_all_cmd(
    out_path: Annotated[Path, typer.Option("--out", help="Markdown report to write (raw records go next to it, .jsonl).")] = Path("docs/benchmark.md"),
    sizes: Annotated[str, typer.Option("--sizes", help="End-to-end sizes, comma-separated.")] = "10000,50000,200000",
    corpus_sizes: Annotated[str, typer.Option("--corpus-sizes", help="Corpus-stage sizes (features only), comma-separated.")] = "1000000",
    engines: Annotated[str, typer.Option("--engines", help="Engines, comma-separated: local1, local2, dask2; "
                                         "ENGINE:MAX caps the sizes one engine runs.")] = "local1,local2,dask2",
    sections: Annotated[str, typer.Option("--sections", help="Which parts: stages, scaling, e2e, corpus.")] = "stages,scaling,e2e,corpus",
    scaling_n: Annotated[int, typer.Option("--scaling-n", min=1, help="Documents per round of the stages-only scaling runs.")] = 2000,
    scaling_rounds: Annotated[int, typer.Option("--scaling-rounds", min=1, help="Alternating local1/dask2 rounds.")] = 3,
    stage_n: Annotated[int, typer.Option("--stage-n", min=1, help="Documents for the per-stage rates.")] = 2000,
    corpus_stream: Annotated[str, typer.Option("--corpus-stream", help="Corpus-stage input: synthetic (copies, as end to end) "
                                               "or unique (distinct collages: the worst case).")] = "unique",
    corpus_procs: Annotated[int, typer.Option("--corpus-procs", min=1, help="Processes building features for the corpus run.")] = 2,
    work: Annotated[Path | None, typer.Option("--work", help="Scratch folder for generated files and databases.")] = None,
    quick: Annotated[bool, typer.Option("--quick", help="Tiny sizes: checks the report end to end in seconds.")] = False,
    background: Annotated[bool, typer.Option("--background", help="Run detached; the report fills in as runs finish.")] = False,
    append: Annotated[bool, typer.Option("--append", help="Add to the report's earlier records instead of starting afresh.")] = False,
    render: Annotated[bool, typer.Option("--render", help="Only render the report again from its records (.jsonl).")] = False,
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (IndoSum).")] = SHARED_DATA,
    as_json: JsonOpt = False,
) -> None:
    """Speed, scaling and memory in one markdown report: per-stage rates, end to end at each size for each
    engine, the corpus stages on features up to 1M articles, and a projection to a cluster."""
    import os
    import subprocess
    import tempfile

    from kronik.bench.all import EngineSpec, Plan, run_all

    _require_data(data, "indosum", "IndoSum")
    if background:
        log = out_path.with_suffix(".log")
        log.parent.mkdir(parents=True, exist_ok=True)
        argv = [a for a in sys.argv[1:] if a != "--background"]
        with log.open("w") as fh:
            proc = subprocess.Popen([sys.executable, "-m", "kronik", *argv], stdout=fh, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True, cwd=os.getcwd())
        _emit({"pid": proc.pid, "log": str(log), "report": str(out_path)}, as_json,
              lambda p, c: c.print(f"running in the background (pid {p['pid']}); log {p['log']}; report {p['report']}",
                                   highlight=False))
        return
    work = work or Path(tempfile.gettempdir()) / "kronik-bench"
    try:
        if quick:
            plan = Plan.quick_plan(data, out_path, work / "quick")
        else:
            plan = Plan(data, out_path, work, sizes=_int_list(sizes), corpus_sizes=_int_list(corpus_sizes),
                        engines=[EngineSpec.parse(e) for e in engines.split(",") if e.strip()], stage_n=stage_n)
        plan.sections = tuple(x.strip() for x in sections.split(",") if x.strip())
        unknown = set(plan.sections) - {"stages", "scaling", "e2e", "corpus"}
        if unknown:
            raise ValueError(f"--sections: unknown {', '.join(sorted(unknown))}; expected stages, scaling, e2e, corpus")
        if not quick:
            plan.scaling_n, plan.scaling_rounds = scaling_n, scaling_rounds
        plan.append = append
        if corpus_stream not in ("synthetic", "unique"):
            raise ValueError(f"--corpus-stream: expected synthetic or unique, got {corpus_stream!r}")
        plan.corpus_stream = corpus_stream
        plan.corpus_procs = corpus_procs
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    if render:
        from kronik.bench.all import load_records, summarise, write_report

        write_report(plan)
        _emit(summarise(load_records(plan.records)), as_json,
              lambda r, c: c.print(f"report rendered to {out_path} ({len(r['records'])} records)", highlight=False))
        return
    res = run_all(plan, log=lambda msg: err.print(msg, highlight=False))
    _emit(res, as_json, lambda r, c: c.print(f"report written to {out_path} ({len(r['records'])} records)", highlight=False))


def _int_list(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


@bench_app.command("extract")
def bench_extract(
    n: Annotated[int, typer.Option("--n", help="Articles in the generated corpus.")] = 10_000,
    html_pages: Annotated[int, typer.Option("--html", help="HTML pages to time.")] = 400,
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (IndoSum bodies).")] = SHARED_DATA,
    lines: Annotated[str, typer.Option("--lines", help="Page sizes in lines for the cleaning-per-line timing, comma-separated ('' skips it).")] = "1000,10000,100000",
    as_json: JsonOpt = False,
) -> None:
    """Articles per second per core for plain-text and HTML extraction, cleaning time per line, and peak memory."""
    from kronik.bench.extract import bench_extract as run
    from kronik.bench.extract import render_bench

    _require_data(data, "indosum", "IndoSum", " (the benchmark corpus is built from its article bodies)")
    _emit(run(n=n, html_pages=html_pages, data_dir=data, line_sizes=tuple(_int_list(lines))), as_json, render_bench)


@bench_app.command("annotate")
def bench_annotate_cmd(
    n: Annotated[int, typer.Option("--n", help="Articles to annotate.")] = 1000,
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (IndoSum).")] = SHARED_DATA,
    as_json: JsonOpt = False,
) -> None:
    """Milliseconds per 500-word article for each annotation stage, on real IndoSum articles."""
    from kronik.bench.annotate import bench_annotate, render_bench_annotate

    _require_data(data, "indosum", "IndoSum")
    _emit(bench_annotate(n, data), as_json, render_bench_annotate)


@bench_app.command("serve")
def bench_serve_cmd(
    articles: Annotated[int, typer.Option("--articles", min=100, help="Synthetic articles in the store.")] = 100_000,
    db: Annotated[Path, typer.Option("--db", help="Store to build or reuse (cached: built once per size).")] = Path("out/bench-serve.db"),
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (with indosum/).")] = SHARED_DATA,
    searches: Annotated[int, typer.Option("--searches", min=1)] = 500,
    story_pages: Annotated[int, typer.Option("--story-pages", min=1)] = 100,
    pages: Annotated[int, typer.Option("--pages", min=1, help="Loads of each other page (home, quotes explorer).")] = 100,
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", min=1)] = 4,
    port: Annotated[int, typer.Option("--port", help="0: a free port.")] = 0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes of kronik serve.")] = 1,
    abuse: Annotated[bool, typer.Option("--abuse", help="The abuse scenario: clients' search latency alone and while "
                                        "attackers send 100 KB queries, the costliest allowed query, huge offsets.")] = False,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="With --abuse: a store of this corpus (e.g. "
                                                "examples/corpus) instead of the synthetic one.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Latency of the home page, a story page, the quotes explorer and a search over HTTP on a store of N synthetic
    articles (server in a second process)."""
    from kronik.bench.serve import bench_abuse, bench_serve, render, render_abuse

    if abuse:
        res = bench_abuse(db, corpus=corpus, articles=articles, data_dir=data, searches=searches, concurrency=concurrency,
                          port=port, workers=workers, log=None if as_json else err)
        _emit(res, as_json, render_abuse)
        return
    res = bench_serve(db, articles=articles, data_dir=data, searches=searches, story_pages=story_pages, pages=pages,
                      concurrency=concurrency, port=port, workers=workers, log=None if as_json else err)
    _emit(res, as_json, render)


@train_app.command("ner")
def train_ner_cmd(
    data: Annotated[Path, typer.Option("--data", help="The shared NER folder.")] = SHARED_DATA / "ner",
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the model (default: the pack's "
                                                      "src/kronik/lang/LANG/models/ner.zip).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="id (the Indonesian sets) or en (CoNLL-2003).")] = "id",
    indosum: Annotated[Path | None, typer.Option("--indosum", help="IndoSum folder for casing statistics and word clusters.")] = None,
    tune: Annotated[bool, typer.Option("--tune", help="Grid-search c1/c2 by cross-validation (slow).")] = False,
    cv: Annotated[bool, typer.Option("--cv", help="Report 5-fold cross-validation on the training set.")] = False,
    nerp: Annotated[str, typer.Option("--nerp", help="NERP train (another convention): gazetteer, train or off.")]
        = "gazetteer",
    as_json: JsonOpt = False,
) -> None:
    """Train the NER tagger (CRF) of a language on the shared sets; reproducible, byte-identical output."""
    from kronik.annotate.ner_train import render_train_ner, train_ner

    if not data.is_dir():
        err.print(f"[red]NER data not found:[/red] {data}")
        raise typer.Exit(2)
    if lang not in ("id", "en"):
        err.print(f"[red]--lang must be id or en, not[/red] {lang}")
        raise typer.Exit(2)
    out = out or Path(f"src/kronik/lang/{lang}/models/ner.zip")
    if lang == "en":
        from kronik.annotate.ner_train_en import render_train_ner_en, train_ner_en

        _emit(train_ner_en(data, out, cv=cv), as_json, render_train_ner_en)
        return
    if nerp not in ("gazetteer", "train", "off"):
        err.print(f"[red]--nerp must be gazetteer, train or off, not[/red] {nerp}")
        raise typer.Exit(2)
    _emit(train_ner(data, out, indosum=indosum, tune=tune, cv=cv, nerp=nerp), as_json, render_train_ner)


@train_app.command("lexicon")
def train_lexicon_cmd(
    data: Annotated[Path, typer.Option("--data", help="Shared cross-lingual folder (gkamus/, panl-bppt/).")] = SHARED_DATA / "crosslingual",
    out: Annotated[Path, typer.Option("--out", help="Where to write the lexicon.")] = Path("src/kronik/lang/id/models/lexicon-en.zip"),
    as_json: JsonOpt = False,
) -> None:
    """Build the Indonesian-English lexicon (pivot vectors across languages) from gKamus; reproducible."""
    from kronik.lang.lexicon import train_lexicon

    if not (data / "gkamus" / "gkamus-id.dict").is_file():
        err.print(f"[red]gKamus not found under[/red] {data / 'gkamus'}")
        raise typer.Exit(2)
    _emit(train_lexicon(data / "gkamus", out, data / "panl-bppt" / "bppt_panl.csv"), as_json,
          lambda r, c: c.print(f"Wrote {r['out']}: {r['entries']} Indonesian words, {r['translations']} translations, "
                               f"{r['bytes']} bytes; PANL coverage {r.get('panl_coverage_direct')} as written, "
                               f"{r.get('panl_coverage_with_stem')} with stems ({r['seconds']} s).", highlight=False))


@train_app.command("summary")
def train_summary_cmd(
    data_dir: Annotated[Path, typer.Argument(help="IndoSum folder with dev.0N.jsonl folds.")] = SHARED_DATA / "indosum",
    out: Annotated[Path, typer.Option("--out", help="Where to write the weights module.")] = Path("src/kronik/summarize/_summary_weights.py"),
    as_json: JsonOpt = False,
) -> None:
    """Train the summary sentence scorer (logistic regression) on IndoSum's extractive labels; reproducible."""
    from kronik.eval.summaries import train_summary

    if not any(data_dir.glob("dev.*.jsonl")):
        err.print(f"[red]no IndoSum dev.*.jsonl under[/red] {data_dir}")
        raise typer.Exit(2)
    _emit(train_summary(data_dir, out), as_json,
          lambda r, c: c.print(f"Trained on {r['articles']} articles ({r['sentences']} sentences) in {r['seconds']} s; "
                               f"wrote {r['out']}.", highlight=False))


@train_app.command("dates")
def train_dates_cmd(
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (Timeline17 topic sets under t17/).")] = SHARED_DATA,
    out: Annotated[Path, typer.Option("--out", help="Where to write the model.")] = Path("src/kronik/data/timeline_model.json"),
    as_json: JsonOpt = False,
) -> None:
    """Train the timeline model (date ranker, sentence scorer) on Timeline17; settings chosen leave-one-topic-out."""
    from kronik.eval.tls_train import train_timeline

    if not (data / "t17").is_dir():
        err.print(f"[red]Timeline17 not found:[/red] {data / 't17'}")
        raise typer.Exit(2)
    _emit(train_timeline(data / "t17", out), as_json,
          lambda r, c: c.print(f"Trained on {r['timelines']} timelines of {len(r['topics'])} topics in {r['seconds']} s "
                               f"(lead {r['lead_sentences']}, max words {r['max_words']}, dates {r['dates']}; "
                               f"leave-one-topic-out {r['chosen_figures']}); wrote {r['out']}.", highlight=False))


@train_app.command("links")
def train_links_cmd(
    out: Annotated[Path, typer.Option("--out", help="Where to write the model.")] = Path("src/kronik/data/link_model.json"),
    corpus: Annotated[Path, typer.Option("--corpus", help="Labelled corpus (labels.jsonl with story/event).")] = Path("examples/corpus"),
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (real-news/ and t17/).")] = SHARED_DATA,
    lodo: Annotated[bool, typer.Option("--lodo/--no-lodo", help="Measure leave-one-dataset-out against the hand-set rule first.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Train the event-link model (logistic, pair features) on the gold streams; report it leave-one-dataset-out."""
    from kronik.corpus.linkmodel_train import render_train_links, train_links

    try:
        res = train_links(data / "real-news", corpus, data / "t17", out, lodo=lodo)
    except ValueError as e:
        err.print(f"[red]{e}[/red]")
        raise typer.Exit(2) from e
    _emit(res, as_json, render_train_links)


@train_app.command("lines")
def train_lines_cmd(
    corpus: Annotated[Path, typer.Argument(help="Labelled corpus (labels.jsonl); the sealed split is never used.")] = Path("examples/corpus"),
    out: Annotated[Path, typer.Option("--out", help="Where to write the model.")] = Path("src/kronik/data/lines.crfsuite"),
    data: Annotated[Path, typer.Option("--data", help="Shared data folder (IndoSum bodies for synthetic dumps).")] = SHARED_DATA,
    synthetic: Annotated[int, typer.Option("--synthetic", help="Synthetic dumps added to training.")] = 300,
    cv: Annotated[bool, typer.Option("--cv/--no-cv", help="Leave-one-outlet-out cross-validation first.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Train the line labeller that revises the boilerplate rules; report leave-one-outlet-out figures."""
    from kronik.extract.linemodel_train import train_lines

    if not (corpus / "labels.jsonl").is_file():
        err.print(f"[red]no labels.jsonl in[/red] {corpus}")
        raise typer.Exit(2)
    _emit(train_lines(corpus, out, data_dir=data if data.is_dir() else None, synthetic=synthetic, cv=cv), as_json,
          _render_train_lines)


def _render_train_lines(res: dict[str, Any], console: Console) -> None:
    from rich.table import Table

    console.print(f"Trained on {res['files']} labelled dumps from {res['outlets']} outlets (+{res['synthetic']} synthetic), "
                  f"{res['lines']} lines; sealed splits never used: {', '.join(res['excluded_splits'])}. "
                  f"Model {res['model_bytes'] / 1024:.0f} KB, {res['seconds']} s.", highlight=False)
    cv = res.get("leave_one_outlet_out")
    if not cv:
        return
    table = Table(title="Leave-one-outlet-out: each outlet labelled by a model trained without it")
    for col in ("outlet", "files", "rules P/R/F1", "model P/R/F1"):
        table.add_column(col)

    def prf(d: dict[str, float]) -> str:
        return f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"

    for name, row in cv["outlets"].items():
        table.add_row(name, str(row["files"]), prf(row["rules"]), prf(row["model"]))
    table.add_row("[bold]all[/bold]", str(res["files"]), prf(cv["rules"]), prf(cv["model"]))
    console.print(table)


def main() -> None:
    """The ``kronik`` command: Kronik's errors (a bad query, a missing or damaged store, a full disk) end
    with their message and the exit code :mod:`kronik.errors` gives them, not a traceback."""
    from kronik.errors import translate

    try:
        app()  # click handles its own usage errors and exits; anything else comes out here
    except Exception as exc:
        known = translate(exc)
        if known is None:
            raise
        err.print(f"[red]error:[/red] {rich_escape(str(known))}", highlight=False, soft_wrap=True)
        raise SystemExit(known.exit_code) from None


if __name__ == "__main__":
    main()
