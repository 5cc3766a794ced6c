"""``kronik eval realnews`` and ``kronik eval quotes --pfsa``: the matching rules on small cases, and the CLI on the shared files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kronik.eval import realnews
from kronik.eval.pfsa import gold_statements, join_tokens, read_pfsa, rebuild, spans_of
from kronik.model import Article, Entity

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kronik", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_entity_records_match_by_name_or_mention_and_type() -> None:
    art = Article(id="a", source="s", format="text", entities=[
        Entity(text="Prabowo", label="PER", canonical="Prabowo Subianto", paragraph=0, start=0, end=7),
        Entity(text="KPK", label="ORG", canonical="KPK", paragraph=0, start=9, end=12),
        Entity(text="Jakarta", label="PER", canonical="Jakarta", paragraph=0, start=14, end=21),
    ])
    recs = realnews.system_entities(art)
    gold = [{"name": "Komisi Pemberantasan Korupsi", "type": "ORG", "mentions": ["KPK"]},
            {"name": "Prabowo Subianto", "type": "PER", "mentions": ["Prabowo"]},
            {"name": "Jakarta", "type": "LOC", "mentions": ["Jakarta"]}]
    pairs = realnews._pair(gold, recs, realnews._entity_match)
    assert sorted(pairs) == [(0, 1), (1, 0)]  # Jakarta typed PER does not match a LOC


def test_quotes_match_by_first_four_words_and_speaker_by_mention() -> None:
    gold = {"kind": "direct", "start": "Kami akan segera menindaklanjuti laporan itu", "speaker": "Budi Prasetyo"}
    sys_q = {"text": "Kami akan segera menindaklanjuti laporan tersebut", "speaker": "Budi", "speaker_text": "Budi"}
    assert realnews._quote_match(gold, sys_q)
    assert not realnews._quote_match(gold, {"text": "Kami tidak akan menindaklanjuti"})
    gold_ents = [{"name": "Budi Prasetyo", "type": "PER", "mentions": ["Budi Prasetyo", "Budi"]}]
    assert realnews._speaker_ok(gold, sys_q, gold_ents, [])
    assert not realnews._speaker_ok({**gold, "speaker": None}, sys_q, gold_ents, [])
    assert realnews._speaker_ok({**gold, "speaker": None}, {**sys_q, "speaker": None}, [], [])


def _sys(paragraphs: list[str], text: str, paragraph: int = 0, nth: int = 0) -> dict[str, object]:
    start = -1
    for _ in range(nth + 1):
        start = paragraphs[paragraph].index(text, start + 1)
    return {"text": text, "paragraph": paragraph, "start": start, "end": start + len(text)}


def test_times_match_by_overlap_where_the_gold_text_stands() -> None:
    paras = ["Rapat digelar Senin (20/10/2025) pukul 10.00 WIB dan pukul 13.00.", "Forum Bisnis 2025 dibuka."]
    gold = [{"text": "Senin (20/10/2025)"}, {"text": "pukul 10.00 WIB"}]
    system = [_sys(paras, "pukul 10.00"), _sys(paras, "Senin (20/10/2025)"), _sys(paras, "pukul 13.00")]
    assert realnews._time_pairs(gold, system, paras) == [(0, 1), (1, 0)]
    # a partial overlap counts (neither text holds the other) ...
    assert realnews._time_pairs([{"text": "(20/10/2025) pukul 10.00"}], [_sys(paras, "pukul 10.00 WIB")], paras) == [(0, 0)]
    # ... an equal string elsewhere in the article does not
    assert realnews._time_pairs([{"text": "Senin (20/10/2025)"}], [_sys(paras, "2025", 1)], paras) == []


def test_times_pairing_is_a_maximum_matching() -> None:
    paras = ["Proyek Tahun Anggaran 2014 diusut. Ia menjabat periode 2009-2014."]
    gold = [{"text": "Tahun Anggaran 2014"}, {"text": "2014"}]
    system = [_sys(paras, "2014"), _sys(paras, "2014", nth=1)]
    assert realnews._time_pairs(gold, system, paras) == [(0, 0), (1, 1)]


def test_realnews_cli_on_the_shared_annotations(shared_data: Path) -> None:
    gold = shared_data / "real-news" / "annotations-2025-10-20.jsonl"
    proc = _cli("eval", "realnews", str(gold), "--json")
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["articles"] == 20 and res["articles_missing"] == 0
    for key in ("entity_f1", "direct_speaker_acc", "indirect_recall", "indirect_speaker_acc", "time_value_acc"):
        assert 0.0 <= res[key] <= 1.0
    assert set(res["entities"]["types"]) == {"PER", "ORG", "LOC"}
    assert res["quotes"]["direct"]["gold"] == 62 and res["quotes"]["indirect"]["gold"] == 67
    assert res["times"]["gold"] == 117
    # Floors well under today's figures: a broken reader or matcher shows, normal tuning does not.
    assert res["entity_f1"] > 0.5 and res["quotes"]["direct"]["recall"] > 0.9 and res["time_value_acc"] > 0.6


def test_realnews_cli_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = _cli("eval", "realnews", str(tmp_path / "nope.jsonl"))
    assert proc.returncode == 2 and "not found" in proc.stderr


PFSA_SAMPLE = """JAKARTA\tO\n,\tO\nKOMPAS\tO\n—\tO\nMenteri\tB-ROLE\nBudi\tB-PERSON\nSantoso\tL-PERSON\ntiba\tO\n.\tO
\u201d\tB-STATEMENT

Kami\tI-STATEMENT\nsiap\tI-STATEMENT\n.\tI-STATEMENT\n\u201d\tL-STATEMENT\nkata\tU-CUE\nBudi\tU-PERSONCOREF\n.\tO

BANDUNG\tO\n,\tO\nKOMPAS\tO\n—\tO\nHujan\tO\nturun\tO\n.\tO
"""


def test_pfsa_reader_rebuilds_articles_and_statements(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(PFSA_SAMPLE, encoding="utf-8")
    arts = read_pfsa(path)
    assert len(arts) == 2
    paras, _ = rebuild(arts[0])
    assert paras == ["Menteri Budi Santoso tiba. \u201dKami siap.\u201d kata Budi."]
    (st,) = gold_statements(arts[0])
    assert st["text"] == "Kami siap." and st["direct"] and st["speaker_forms"] == ["Budi", "Budi Santoso"]
    assert spans_of(["B-X", "I-X", "L-X", "O", "U-X"], "X") == [(0, 3), (4, 5)]
    assert join_tokens(["(", "a", ")", ","])[0] == "(a),"


def test_pfsa_cli_reports_statements_and_anchors(shared_data: Path) -> None:
    path = shared_data / "quotes" / "pfsa-id" / "dev-40.txt"
    proc = _cli("eval", "quotes", "--pfsa", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["anchors"] == {"pfsa_id_baseline_f1": 82.0, "bert_tagger_f1": 92.28}
    assert res["statements"]["all"]["gold"] == 1653
    assert res["direct_statement_f1"] > 0.8 and 0.0 < res["speaker_accuracy"] <= 1.0
