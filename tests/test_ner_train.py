"""``kronik train ner`` on a tiny synthetic copy of the shared layout: de-duplication, held-out sets, reproducibility."""

from __future__ import annotations

from pathlib import Path

from kronik.annotate.ner_tagger import NerTagger, fingerprint
from kronik.annotate.ner_train import collect, train_ner

NAMES = [("Budi", "Santoso"), ("Siti", "Aminah"), ("Joko", "Susilo"), ("Rina", "Wati"), ("Agus", "Salim")]
PLACES = ["Jakarta", "Bandung", "Medan", "Surabaya", "Makassar"]
ORGS = [("Bank", "Mandiri"), ("Obama", "Foundation"), ("Wilmar", "Group"), ("Partai", "Golkar"), ("Kementerian", "Keuangan")]


def _sentences(tag_style: str, offset: int) -> str:
    per, org, loc = ("PER", "ORG", "LOC") if tag_style == "idner" else ("PERSON", "ORGANISATION", "PLACE")
    out = []
    for i in range(40):
        a, b = NAMES[(i + offset) % 5]
        o1, o2 = ORGS[(i * 3 + offset) % 5]
        place = PLACES[(i * 2 + offset) % 5]
        out.append(f"{a}\tB-{per}\n{b}\tI-{per}\nbertemu\tO\n{o1}\tB-{org}\n{o2}\tI-{org}\ndi\tO\n{place}\tB-{loc}\n"
                   f"hari\tO\nke-{i}\tO\n.\tO\n")
    return "\n".join(out)


def _layout(root: Path) -> Path:
    ner = root / "ner"
    for rel, style, off in (("idner-news-2k/train.txt", "idner", 0), ("idner-news-2k/dev.txt", "idner", 1),
                            ("indolem/nerui.txt", "idner", 2), ("indonlu/nergrit_ner-grit_train.txt", "grit", 3),
                            ("indonlu/nergrit_ner-grit_test.txt", "grit", 4)):
        (ner / rel).parent.mkdir(parents=True, exist_ok=True)
        (ner / rel).write_text(_sentences(style, off), encoding="utf-8")
    # nerugm repeats idner dev word for word: every copy is a duplicate
    (ner / "indolem" / "nerugm.txt").write_text(_sentences("idner", 1), encoding="utf-8")
    return ner


def test_collect_deduplicates_and_holds_out(tmp_path: Path) -> None:
    data = collect(_layout(tmp_path), holdout=5)
    c = data["counts"]
    assert c["indolem/nerugm"]["duplicate"] == 40 and c["indolem/nerugm"]["train"] == 0
    pool = {fingerprint(w for w, _ in s) for s in data["pool"]}
    for name, sents in data["heldout"].items():
        assert not pool & {fingerprint(w for w, _ in s) for s in sents}, name
    assert len(data["heldout"]["indonlu/nergrit-test"]) == 40
    assert all(t in ("O", "B-PERSON", "I-PERSON", "B-ORGANISATION", "I-ORGANISATION", "B-PLACE")
               for s in data["heldout"]["indonlu/nergrit-test"] for _, t in s)


def test_training_is_reproducible_and_reports_held_out(tmp_path: Path) -> None:
    ner = _layout(tmp_path)
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    res = train_ner(ner, a, max_iterations=30, indosum=str(tmp_path / "none"))
    train_ner(ner, b, max_iterations=30, indosum=str(tmp_path / "none"))
    assert a.read_bytes() == b.read_bytes()
    assert res["train_sentences"] > 0 and "indonlu/nergrit-test" in res["heldout"]
    assert res["heldout"]["indonlu/nergrit-test"]["micro_f1"] > 0.5  # NERGrit's labels are mapped
    tags = NerTagger.load(a).tag(["Siti", "Aminah", "bertemu", "Bank", "Mandiri", "di", "Medan", "."])
    assert tags[0] == "B-PER" and tags[3] == "B-ORG" and tags[6] == "B-LOC"
