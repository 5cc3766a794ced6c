"""Cluster metrics, the eval loaders (Timeline17, IndoTimex), ``evaluate_clusters``/``evaluate_dedup`` and the bench."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from kronik.eval.clustermetrics import bcubed, cluster_scores, dedup_scores, pairwise
from kronik.eval.clusters import evaluate_clusters, load_indotimex, load_t17, render_clusters
from kronik.eval.dedup import evaluate_dedup, render_dedup

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PRED = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_pairwise_by_hand() -> None:
    # gold pairs: ab ac bc de (4); predicted: ab cd ce de (4); shared: ab de
    r = pairwise(GOLD, PRED)
    assert (r["precision"], r["recall"]) == (0.5, 0.5)


def test_bcubed_by_hand() -> None:
    r = bcubed(GOLD, PRED)
    # precision per item: a,b 2/2; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5
    assert r["precision"] == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    # recall per item: a,b 2/3; c 1/3; d,e 2/2 -> (4/3+1/3+2)/5
    assert r["recall"] == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)
    perfect = cluster_scores(GOLD, {k: f"p{v}" for k, v in GOLD.items()})
    assert perfect["pairwise_f1"] == perfect["bcubed_f1"] == 1.0


def test_dedup_pairs() -> None:
    gold = {"a": "a", "b": "a", "c": "a", "d": "d"}
    r = dedup_scores(gold, {"a": "a", "b": "a", "c": "c", "d": "a"})
    assert r["gold_pairs"] == 3 and r["predicted_pairs"] == 3 and r["true_pairs"] == 1


def _t17(tmp: Path) -> Path:
    root = tmp / "t17"
    docs = {
        "quake_bbc": [("1", "2010-01-13", ("A powerful earthquake hit Haiti -LRB- Port-au-Prince -RRB- on Tuesday .\n"
                                           "Rescuers dug through rubble in Port-au-Prince ."))],
        "quake_cnn": [("2", "2010-01-14", ("Haiti earthquake survivors in Port-au-Prince waited for aid .\n"
                                           "`` We need water , '' said a survivor in Port-au-Prince ."))],
        "oil_bbc": [("3", "2010-05-20", ("BP said oil was still leaking into the Gulf of Mexico .\n"
                                         "Engineers prepared another attempt to cap the BP well ."))],
    }
    for name, recs in docs.items():
        (root / name).mkdir(parents=True)
        with (root / name / "articles.jsonl").open("w") as fh:
            for i, t, text in recs:
                fh.write(json.dumps({"id": i, "time": t, "text": text}) + "\n")
    return root


def _indotimex(tmp: Path) -> Path:
    root = tmp / "indotimex"
    for sub, n, title, body in (
        ("gold", 2, "Pesawat AirAsia QZ8501 Hilang Kontak", "Pesawat AirAsia QZ8501 hilang kontak di Selat Karimata, Minggu."),
        ("unannotated", 2, "Harga BBM Bersubsidi Naik", "Pemerintah menaikkan harga BBM bersubsidi jenis premium dan solar."),
    ):
        (root / sub).mkdir(parents=True)
        for i in range(n):
            tml = (f'<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-{28 + i}">x'
                   f"</TIMEX3></DCT>\n<TITLE>{title} {i}</TITLE>\n<TEXT>\n{body} Kata “pejabat” itu.\n\n{body}\n</TEXT>\n</TimeML>\n")
            (root / sub / f"{sub}{i}.tml").write_bytes(tml.encode("cp1252"))
    return root


def test_t17_loader_detokenises_and_labels_topics(tmp_path: Path) -> None:
    arts, topic = load_t17(_t17(tmp_path))
    assert len(arts) == 3 and sorted(set(topic.values())) == ["oil", "quake"]
    a = next(x for x in arts if x.id == "quake_bbc:1")
    assert a.language == "en" and a.published == "2010-01-13" and a.outlet == "bbc"
    assert a.paragraphs[0] == "A powerful earthquake hit Haiti (Port-au-Prince) on Tuesday."
    assert '"We need water,"' in next(x for x in arts if x.id == "quake_cnn:2").paragraphs[1]


def test_indotimex_loader_reads_cp1252(tmp_path: Path) -> None:
    arts, story = load_indotimex(_indotimex(tmp_path))
    assert len(arts) == 4 and set(story.values()) == {"gold", "unannotated"}
    a = arts[0]
    assert a.title and a.published and a.published.startswith("2014-12-") and "“pejabat”" in a.paragraphs[0]


def test_evaluate_clusters_json_shape(corpus_dir: Path, tmp_path: Path) -> None:
    res = evaluate_clusters(corpus_dir, _t17(tmp_path), _indotimex(tmp_path))
    payload = json.loads(json.dumps(res))
    assert set(payload) == {"corpus", "t17", "indotimex"}
    c = payload["corpus"]
    for kind in ("events", "stories"):
        assert {"pairwise_f1", "bcubed_f1"} <= set(c[kind])
    assert {"precision", "recall"} <= set(c["dedup"])
    assert c["dedup"]["precision"] >= 0.99 and c["dedup"]["recall"] >= 0.95
    assert set(c["splits"]) >= {"tune", "heldout"}
    assert payload["t17"]["events"] is None and payload["t17"]["stories"]["bcubed_f1"] == 1.0
    assert payload["indotimex"]["stories"]["items"] == 4
    buf = io.StringIO()
    render_clusters(res, Console(file=buf, width=200))
    assert "B-cubed" in buf.getvalue()


def test_evaluate_dedup_on_the_corpus(corpus_dir: Path) -> None:
    res = evaluate_dedup(corpus_dir, None)
    assert res["corpus"]["precision"] == 1.0 and res["corpus"]["recall"] == 1.0
    buf = io.StringIO()
    render_dedup(res, Console(file=buf, width=200))
    assert "corpus" in buf.getvalue()


def test_bench_cluster_small(shared_data: Path, tmp_path: Path) -> None:
    from kronik.bench.cluster import _measure, render_bench_cluster

    cache = tmp_path / "entities.json"
    cache.write_text("{}")
    rows = [_measure(400, shared_data, cache, compare=False, stream=s) for s in ("synthetic", "unique")]
    syn, uni = rows
    assert syn["dedup"]["precision"] == 1.0 and syn["dedup"]["recall"] >= 0.95
    assert uni["events"] > 0.5 * uni["n"] and uni["peak_rss_mb"] > 0
    buf = io.StringIO()
    render_bench_cluster({"sizes": rows, "untimed": {"note": "x", "entity_tagging_of_source_bodies_seconds": 0}},
                         Console(file=buf, width=200))
    assert "400" in buf.getvalue()


def test_bench_cluster_pass_at_a_stored_size(shared_data: Path, tmp_path: Path) -> None:
    """The pass row: 1,000 new articles after N stored, timed (no timing asserted), rendered."""
    from kronik.bench.cluster import PASS_NEW, _measure_pass, render_bench_cluster

    cache = tmp_path / "entities.json"
    cache.write_text("{}")
    row = _measure_pass(300, shared_data, cache)
    assert row["stored"] == 300 and row["new"] == PASS_NEW and row["pass_seconds_per_1000"] > 0
    assert row["events"] > 0.5 * (300 + PASS_NEW)
    buf = io.StringIO()
    render_bench_cluster({"sizes": [], "passes": [row], "pass_spread": None,
                          "untimed": {"note": "x", "entity_tagging_of_source_bodies_seconds": 0}},
                         Console(file=buf, width=200))
    assert "over a store of N clustered articles" in buf.getvalue()
    assert set(row["warm"]["stages_per_1000"]) >= {"load", "link", "describe", "state", "write"}


def test_bcubed_over_a_part_counts_what_others_mixed_in() -> None:
    from kronik.eval.clusters import leave_topic_out

    gold = {"a": "t1", "b": "t1", "c": "t2"}
    pred = {"a": "x", "b": "x", "c": "x"}
    part = bcubed(gold, pred, over=["a", "b"])
    assert part["precision"] == pytest.approx(2 / 3) and part["recall"] == 1.0
    # leave-topic-out: each topic gets the candidate that is best on the others
    good = {"a": "x", "b": "x", "c": "y"}
    res = leave_topic_out(gold, [pred, good])
    assert res["topics"]["t1"]["chosen"] == 1 and res["topics"]["t2"]["chosen"] == 1
    assert res["mean"]["f1"] == pytest.approx(1.0)


def test_false_duplicates_are_pairs_across_gold_events() -> None:
    from kronik.eval.clusters import false_duplicates

    gold = {"a": "e1", "b": "e1", "c": "e2"}
    assert false_duplicates({"a": "a", "b": "a", "c": "a"}, gold) == [("c", "a")]
