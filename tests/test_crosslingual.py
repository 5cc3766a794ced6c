"""One story across Indonesian and English: the lexicon, pivot vectors, the clusterer's cross-lingual part,
``kronik eval crosslingual``, and one entity identity across languages over HTTP and in a browser."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from kronik.corpus import run_features
from kronik.corpus.features import dump_features, features_from_parts, load_features
from kronik.corpus.settings import CorpusSettings

ROOT = Path(__file__).resolve().parents[1]
WHEN = "2021-04-20T10:00:00+07:00"

ID_PARAS = [("Gempa bumi dahsyat dan tsunami menghantam pulau Sulawesi pada Jumat malam, menewaskan sedikitnya "
            "384 orang di kota Palu, kata pejabat."),
            "Ombak setinggi enam meter menyapu pantai ketika ratusan orang berkumpul untuk sebuah perayaan."]
EN_PARAS = [("A powerful earthquake and tsunami struck the island of Sulawesi on Friday night, killing at least 384 "
            "people in the city of Palu, officials said."),
            "Waves as high as six meters swept the beach as hundreds of people gathered for a festival."]
OTHER_EN = [("The central bank raised its benchmark interest rate by a quarter point on Friday to curb inflation, "
            "its governor told reporters in the capital."), "Markets fell after the decision."]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kronik", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


# --------------------------------------------------------------------------- lexicon and pivot vectors

def test_shipped_lexicon_translates_news_words() -> None:
    from kronik.lang.lexicon import shipped_lexicon

    lex = shipped_lexicon("id")
    assert len(lex) > 20_000
    for word, english in (("gempa", "earthquake"), ("pulau", "island"), ("pejabat", "official"),
                          ("perusahaan", "company"), ("ombak", "wave")):
        assert english in lex[word], (word, lex[word])
    assert shipped_lexicon("en") == {}  # English is the pivot: it needs none


def test_train_lexicon_reproduces_the_shipped_file(shared_data: Path, tmp_path: Path) -> None:
    if not (shared_data / "crosslingual" / "gkamus").is_dir():
        pytest.skip("gKamus is absent")
    out = tmp_path / "lexicon-en.zip"
    r = _cli("train", "lexicon", "--data", str(shared_data / "crosslingual"), "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["entries"] > 20_000 and res["panl_coverage_with_stem"] > res["panl_coverage_direct"] > 0.5
    assert out.read_bytes() == (ROOT / "src/kronik/lang/id/models/lexicon-en.zip").read_bytes()


def test_pivot_vectors_meet_across_languages() -> None:
    from kronik.corpus.crosslingual import name_words, pivot_counts
    from kronik.corpus.features import tokens

    idv = pivot_counts(tokens(" ".join(ID_PARAS)), "id", name_words(ID_PARAS, "id"))
    env = pivot_counts(tokens(" ".join(EN_PARAS)), "en")
    other = pivot_counts(tokens(" ".join(OTHER_EN)), "en")
    shared = set(idv) & set(env)
    assert {"earthquak", "island", "sulawesi", "384", "palu", "wave", "beach"} <= shared
    assert len(shared) > 2 * len(set(idv) & set(other))
    assert "hammer" in pivot_counts(["palu"], "id") and "palu" in idv  # "Palu" written as a name: a city
    assert pivot_counts(["kata"], "fr") == {}  # no pack, no lexicon: no pivot vector


# --------------------------------------------------------------------------- clustering

def _feats(settings: CorpusSettings, with_names: bool = False):
    ents = ["Sulawesi", "Palu"] if with_names else []
    return [features_from_parts("en-1", "Quake and tsunami hit Sulawesi", EN_PARAS, published=WHEN, language="en",
                                entities=ents, settings=settings),
            features_from_parts("en-2", "Central bank raises rates", OTHER_EN, published=WHEN, language="en",
                                settings=settings),
            features_from_parts("id-1", "Gempa dan tsunami landa Sulawesi", ID_PARAS, published=WHEN, language="id",
                                entities=ents, settings=settings)]


def test_an_indonesian_report_joins_the_english_event_by_its_words() -> None:
    s = CorpusSettings()
    out, _ = run_features(_feats(s), settings=s)
    assert out["id-1"][1] == out["en-1"][1] != out["en-2"][1]
    base = dataclasses.replace(s, w_crossling=0.0)  # before pivot vectors: no names, no link
    out, _ = run_features(_feats(base), settings=base)
    assert out["id-1"][1] != out["en-1"][1]


def test_one_language_clusters_as_without_pivot_vectors(shared_data: Path) -> None:
    """Pivot vectors only ever compare an article with events in another language: an Indonesian stream
    (IndoSum, 400 articles in publication order) gets exactly the events it got without them."""
    from datetime import UTC, datetime

    path = shared_data / "indosum" / "dev.01.jsonl"
    if not path.is_file():
        pytest.skip("IndoSum is absent")
    s = CorpusSettings()
    feats = []
    with path.open(encoding="utf-8") as fh:
        for i, line in zip(range(400), fh, strict=False):
            rec = json.loads(line)
            paras = [" ".join(" ".join(sent) for sent in para) for para in rec["paragraphs"]]
            when = datetime.fromtimestamp(int(str(rec["id"])[:10]), UTC).isoformat()
            feats.append(features_from_parts(f"a{i}", paras[0][:80], paras, published=when, language="id", settings=s))
    assert sum(len(f.x_terms) > 0 for f in feats) == len(feats)
    ours, _ = run_features(feats, settings=s)
    base, _ = run_features(feats, settings=dataclasses.replace(s, w_crossling=0.0))
    assert ours == base


def test_pivot_vectors_survive_the_store_and_the_state() -> None:
    from kronik.corpus import load_state, save_state

    s = CorpusSettings()
    feats = _feats(s)
    back = load_features(dump_features(feats[2]))
    assert len(back.x_terms) and (back.x_terms == feats[2].x_terms).all()
    _, state = run_features(feats[:2], settings=s)
    resumed = load_state(save_state(state))
    assert resumed.clusters.xdf is not None and resumed.clusters.xdf.sum() == state.clusters.xdf.sum()
    out, _ = run_features(feats[2:], state=resumed)
    assert out["id-1"][1] == resumed.clusters.article_event["en-1"]


def test_features_of_version_1_still_load() -> None:
    import struct

    f = _feats(CorpusSettings())[2]
    data = dump_features(f)
    (n,) = struct.unpack_from("<I", data, 0)
    meta = json.loads(data[4:4 + n])
    meta["v"], meta["lens"] = 1, meta["lens"][:6]
    head = json.dumps(meta).encode()
    body = data[4 + n:4 + n + sum(ln * 4 for ln in meta["lens"])]
    old = load_features(struct.pack("<I", len(head)) + head + body)
    assert len(old.x_terms) == 0 and (old.terms == f.terms).all()


# --------------------------------------------------------------------------- kronik eval crosslingual

def test_eval_crosslingual_on_a_folder(tmp_path: Path) -> None:
    for lang, docs in (("en", {"quake.txt": EN_PARAS, "bank.txt": OTHER_EN}),
                       ("id", {"quake.txt": ID_PARAS, "bank.txt": [
                           ("Bank sentral menaikkan suku bunga acuan seperempat poin pada Jumat untuk menekan inflasi, "
                           "kata gubernurnya kepada wartawan di ibu kota."), "Pasar turun setelah keputusan itu."]})):
        (tmp_path / lang).mkdir()
        for name, paras in docs.items():
            (tmp_path / lang / name).write_text(f"{name} {lang}\n" + "\n".join(paras), encoding="utf-8")
    r = _cli("eval", "crosslingual", str(tmp_path), "--json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["pairs"] == 2 and res["p_at_1"] == 1.0 and "p_at_1_baseline" in res
    assert res["same_event_no_entities"] == 1.0 and res["same_event_no_entities_baseline"] == 0.0
    r = _cli("eval", "crosslingual", str(tmp_path / "en"))
    assert r.returncode == 2 and "en/ and id/" in r.stderr


def test_eval_crosslingual_on_ntrex_dev(shared_data: Path) -> None:
    root = shared_data / "crosslingual" / "ntrex-dev"
    if not root.is_dir():
        pytest.skip("NTREX dev is absent")
    from kronik.eval.crosslingual import evaluate_crosslingual

    res = evaluate_crosslingual(root)
    assert res["pairs"] == 40
    assert res["p_at_1"] >= 0.95 and res["same_event"] >= 0.90
    assert res["mean_margin"] > res["mean_margin_baseline"]
    assert res["same_event_no_entities"] >= 0.90 > res["same_event_no_entities_baseline"]


# --------------------------------------------------------------------------- one identity across languages

def test_names_have_one_identity_and_a_name_per_language() -> None:
    from kronik.annotate.names import display_name, display_names, identity
    from kronik.lang.en.display_names import DISPLAY

    for ident, english in DISPLAY.items():
        assert identity(english) == ident, english  # a name shown reads back to the same identity
    assert {identity(n) for n in ("Amerika Serikat", "AS", "United States", "US")} == {"Amerika Serikat"}
    assert {identity(n) for n in ("Inggris", "Britain", "UK")} == {"Inggris"}
    assert display_name("Inggris", "en") == "United Kingdom" and display_name("Inggris", "id") == "Inggris"
    assert display_name("Joko Widodo", "en") == "Joko Widodo" and display_name("Inggris", None) == "Inggris"
    assert display_names("Amerika Serikat") == {"id": "Amerika Serikat", "en": "United States"}


def _q(base: str, path: str, **params: str) -> dict:
    from ui_helpers import get_json

    return get_json(base + path + ("?" + urllib.parse.urlencode(params) if params else ""))


@pytest.fixture(scope="module")
def served(example_db: Path, tmp_path_factory: pytest.TempPathFactory):
    from ui_helpers import serving

    with serving(example_db, tmp_path_factory.mktemp("xling")) as base:
        yield base


def test_entity_pages_facets_and_events_meet_across_languages_over_http(served: str) -> None:
    page = _q(served, "/api/entities/" + urllib.parse.quote("United States"))
    assert page["name"] == "Amerika Serikat" and page["names"]["en"] == "United States"
    assert page == {**_q(served, "/api/entities/" + urllib.parse.quote("Amerika Serikat"))}
    by_en = _q(served, "/api/search", entity="US", limit="100")
    by_id = _q(served, "/api/search", entity="Amerika Serikat", limit="100")
    assert by_en["total"] == by_id["total"] > 0
    langs = {f["value"] for f in by_id["facets"]["language"]}
    assert {"en", "id"} <= langs  # one facet value holds articles of both languages
    english = [h for h in by_id["results"] if h["language"] == "en" and "sanction" in (h["title"] or "").lower()]
    assert english, "the English US sanctions article is found under the Indonesian identity"
    art = _q(served, "/api/articles/" + urllib.parse.quote(english[0]["id"], safe=""))
    assert "Amerika Serikat" in {e["canonical"] for e in art["entities"]}  # stored under the one identity
    assert _q(served, "/api/entity-names/en")["names"]["Amerika Serikat"] == "United States"
    assert _q(served, "/api/entity-names/xx") == {"names": {}}
    same_event = [h for h in by_id["results"] if h["event"] == english[0]["event"] and h["language"] == "id"]
    assert same_event, "an Indonesian report shares the English article's event"


def test_entity_page_in_a_browser_names_it_in_each_language(driver, served: str) -> None:
    from ui_helpers import watched

    with watched(driver, served) as ui:
        ui.open("#/entity/" + urllib.parse.quote("United States"))
        assert ui.one("h1").text == "Amerika Serikat"
        assert "United States (en)" in ui.one(".entity-page .names").text
        ui.screenshot("xling-entity")
        # an English article names its entities in English, linked by their one identity
        hits = _q(served, "/api/search", entity="US", language="en", limit="5")["results"]
        ui.open("#/article/" + urllib.parse.quote(hits[0]["id"], safe=""))
        link = ui.one('a.ent[href="#/entity/' + urllib.parse.quote("Amerika Serikat") + '"]')
        assert link.get_attribute("data-tip").startswith("United States")


def test_a_state_saved_before_pivot_vectors_still_loads() -> None:
    import io

    import numpy as np

    from kronik.corpus import load_state, save_state

    s = CorpusSettings()
    feats = _feats(s)
    _, state = run_features(feats[:2], settings=s)
    with np.load(io.BytesIO(save_state(state)), allow_pickle=False) as z:
        old = {k: z[k] for k in z.files if k != "xdf" and not k.startswith(("ev.x_idx", "ev.x_val"))}
    buf = io.BytesIO()
    np.savez_compressed(buf, **old)  # type: ignore[arg-type]
    resumed = load_state(buf.getvalue())
    assert resumed.clusters.xdf is None and all(len(e.x_idx) == 0 for e in resumed.clusters.events.values())
    out, _ = run_features(feats[2:], state=resumed)  # goes on: pivot vectors from now on
    assert out["id-1"][1] in resumed.clusters.events
