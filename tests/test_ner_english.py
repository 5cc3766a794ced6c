"""The English tagger: ``kronik train ner --lang en`` on a tiny CoNLL layout, MISC kept apart, the English entity path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kronik.annotate.ner_tagger import NerTagger, default_tagger
from kronik.annotate.ner_train_en import t17_sentences, train_ner_en

PEOPLE = [("Bill", "Clinton"), ("Helmut", "Kohl"), ("John", "Major"), ("Boris", "Yeltsin"), ("Nelson", "Mandela")]
PLACES = ["London", "Bonn", "Moscow", "Paris", "Tokyo"]
ORGS = [("European", "Commission"), ("Deutsche", "Bank"), ("United", "Nations"), ("Ford", "Motor"), ("Red", "Cross")]
MISC = ["German", "British", "Russian", "French", "Japanese"]


def _conll(offset: int, n: int = 40) -> str:
    out = []
    for i in range(n):
        a, b = PEOPLE[(i + offset) % 5]
        o1, o2 = ORGS[(i * 3 + offset) % 5]
        out.append(f"{a} B-PER\n{b} I-PER\nmet O\n{MISC[(i + 2 * offset) % 5]} B-MISC\nofficials O\nof O\n"
                   f"{o1} B-ORG\n{o2} I-ORG\nin O\n{PLACES[(i * 2 + offset) % 5]} B-LOC\non O\nday O\n{i} O\n. O\n")
    return "\n".join(out)


def _layout(root: Path) -> Path:
    ner = root / "ner" / "conll2003"
    ner.mkdir(parents=True)
    (ner / "train.txt").write_text(_conll(0), encoding="utf-8")
    (ner / "dev.txt").write_text(_conll(1, 20), encoding="utf-8")
    t17 = root / "t17" / "topic_reuters"
    t17.mkdir(parents=True)
    (t17 / "articles.jsonl").write_text(json.dumps({"id": "1", "time": "2009-01-01", "text":
        "LONDON -LRB- Reuters -RRB- - Bill Clinton said `` yes '' .\nHelmut Kohl met officials in Bonn ."}) + "\n",
        encoding="utf-8")
    return root / "ner"


def test_english_training_is_reproducible_and_keeps_misc_apart(tmp_path: Path) -> None:
    ner = _layout(tmp_path)
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    res = train_ner_en(ner, a, max_iterations=40, clusters=(4, 8), cluster_iterations=(2, 2))
    train_ner_en(ner, b, max_iterations=40, clusters=(4, 8), cluster_iterations=(2, 2))
    assert a.read_bytes() == b.read_bytes()
    assert res["unlabelled_sentences"] == {"conll2003-train": 40, "t17": 2}
    dev = res["dev"]
    assert set(dev["labels"]) == {"PER", "ORG", "LOC"}  # the micro figure is PER/ORG/LOC only
    assert dev["misc"]["tp"] + dev["misc"]["fn"] == 20  # MISC scored apart
    assert dev["micro_f1"] > 0.8
    tagger = NerTagger.load(a)
    assert tagger.labels == ("PER", "ORG", "LOC", "MISC")
    tags = tagger.tag(["Boris", "Yeltsin", "met", "French", "officials", "of", "Red", "Cross", "in", "Paris", "."])
    assert tags[:2] == ["B-PER", "I-PER"] and tags[3] == "B-MISC" and tags[6] == "B-ORG" and tags[9] == "B-LOC"


def test_t17_sentences_undo_ptb_escapes(tmp_path: Path) -> None:
    _layout(tmp_path)
    sents = list(t17_sentences(tmp_path))
    assert sents[0][:5] == ["LONDON", "(", "Reuters", ")", "-"] and '"' in sents[0]


def test_the_shipped_english_model_tags_conll_text() -> None:
    tagger = default_tagger("en")
    assert "MISC" in tagger.labels and tagger.meta["lang"] == "en"
    tags = tagger.tag("Germany 's representative to the European Union 's veterinary committee Werner Zwingmann "
                      "said on Wednesday consumers should buy sheepmeat from countries other than Britain .".split())
    assert tags[0] == "B-LOC" and tags[5:7] == ["B-ORG", "I-ORG"] and tags[10:12] == ["B-PER", "I-PER"]
    assert tags[-2] == "B-LOC"


def test_english_entities_come_from_the_crf_and_drop_misc() -> None:
    from kronik.annotate.entities import find_entities

    ents = find_entities([("German officials said on Monday that Libyan rebels had retaken the oil town of Brega, "
                           "Reuters reported, citing Foreign Minister Sergei Lavrov in Moscow.")], "en")
    labels = {e.text: e.label for e in ents}
    assert "MISC" not in labels.values()
    assert "German" not in labels and "Libyan" not in labels  # nationalities are MISC: no entity
    assert labels.get("Brega") == "LOC" and labels.get("Moscow") == "LOC"
    assert labels.get("Sergei Lavrov") == "PER" and labels.get("Reuters") == "ORG"


def test_indonesian_path_still_uses_the_indonesian_model() -> None:
    assert default_tagger("id").meta.get("lang", "id") == "id"
    assert "MISC" not in default_tagger("id").labels


def test_eval_ner_english_cli_reports_misc_apart(tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_text("EU B-ORG\nrejects O\nGerman B-MISC\ncall O\n. O\n\nPeter B-PER\nBlackburn I-PER\n\n"
                    "BRUSSELS B-LOC\n1996-08-22 O\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "kronik", "eval", "ner", str(path), "--lang", "en", "--json"],
                         capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)
    assert res["lang"] == "en" and set(res["labels"]) == {"PER", "ORG", "LOC"}
    assert res["misc"]["support"] == 1 and res["labels"]["PER"]["support"] == 1
    assert "ignored_types" in res and "MISC" not in res["ignored_types"]


def test_cli_rejects_an_unknown_language(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kronik", "train", "ner", "--lang", "xx"], capture_output=True, text=True)
    assert out.returncode == 2 and "--lang" in out.stderr
    path = tmp_path / "x.txt"
    path.write_text("a O\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "kronik", "eval", "ner", str(path), "--lang", "xx"], capture_output=True,
                         text=True)
    assert out.returncode == 2


@pytest.mark.parametrize("lang", ["en", "id"])
def test_model_is_small(lang: str) -> None:
    assert default_tagger(lang).size < 2_000_000
