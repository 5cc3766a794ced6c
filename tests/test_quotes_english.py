"""English attribution patterns of the quote stage, and ``kronik eval quotes --polnear`` on a tiny brat folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kronik.annotate.entities import find_entities
from kronik.annotate.quotes import extract_quotes
from kronik.eval.polnear import evaluate_polnear, head_name, read_ann, same_speaker


def _quotes(paragraphs: list[str]) -> list:
    return extract_quotes(paragraphs, "en", find_entities(paragraphs, "en"))


def test_a_name_before_an_apposition_is_the_speaker() -> None:
    qs = _quotes([('"The rule is on very thin legal ice," Richard Revesz, director of the Institute for Policy '
                   'Integrity at New York University, said.')])
    assert len(qs) == 1 and qs[0].speaker == "Richard Revesz"


def test_a_connective_before_a_pronoun_is_not_the_speaker() -> None:
    qs = _quotes(["Senator Mary Landrieu spoke to voters in Baton Rouge on Monday.",
                  "The plan would cost billions of dollars over a decade, but she said it was worth it."])
    assert qs and qs[-1].speaker == "Mary Landrieu"


def test_typewriter_quotes_are_quote_marks_and_text_is_kept_as_written() -> None:
    p = "''It has the important virtue of being fiscally responsible,'' Leonard Burman said of the plan."
    qs = _quotes([p])
    assert len(qs) == 1 and qs[0].direct and qs[0].speaker == "Leonard Burman"
    assert qs[0].text in p and qs[0].text.startswith("It has")


def test_a_dash_credit_after_a_quote_names_the_speaker() -> None:
    qs = _quotes(["\u201cHe makes simple blanket statements about people he knows nothing about.\u201d \u2015 Pamela Padilla",
                  "\u201cThe most unqualified candidate ever to run for president.\u201d \u2015 Francisco Herrero"])
    assert [q.speaker for q in qs] == ["Pamela Padilla", "Francisco Herrero"]


def test_she_skips_a_man_named_after_the_woman() -> None:
    qs = _quotes(["Hillary Clinton met Donald Trump at the debate on Monday night.",
                  '"I am ready for this job," she said.'])
    assert qs and qs[-1].speaker == "Hillary Clinton"


def test_party_brackets_do_not_hide_the_name() -> None:
    qs = _quotes(['"Subpoenas are not optional," said Rep. Jason Chaffetz (R-Utah).'])
    assert qs and qs[0].speaker == "Jason Chaffetz"


@pytest.mark.parametrize(("source", "expected"), [
    ("Kellyanne Conway, Trump's campaign manager", ("named", "Kellyanne Conway")),
    ("a spokesman for Clinton", ("unnamed", None)),
    ("Republican presidential nominee Donald Trump", ("named", "Donald Trump")),
    ("the Federal Bureau of Prisons", ("named", "Federal Bureau of Prisons")),
    ("Officials at Homeland Security Investigations", ("unnamed", None)),
    ("she", ("pronoun", None)),
    ("sources", ("unnamed", None)),
])
def test_gold_head_names(source: str, expected: tuple) -> None:
    assert head_name(source) == expected


def test_speaker_match_rule() -> None:
    assert same_speaker("Donald Trump", "Trump") and same_speaker("Trump", "Donald Trump")
    assert same_speaker("James O\u2019Neill", "O'Neill") and not same_speaker("Mike Pence", "Donald Trump")
    assert not same_speaker(None, "Trump")


def _polnear(root: Path) -> Path:
    text = ("Debate night.\n\n"
            "Donald Trump spoke in Ohio on Monday. \"We will win,\" he said.\n\n"
            "The economy is weak, Hillary Clinton said.\n\n"
            "Aides believe the race is close.\n")
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a.txt").write_text(text, encoding="utf-8")

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    rows = []
    for k, (content, cue, source) in enumerate([("\"We will win,\"", "said", "he"),
                                                ("The economy is weak", "said", "Hillary Clinton"),
                                                ("the race is close", "believe", "Aides")]):
        c = span(content)
        q0 = text.index(cue, c[1]) if cue == "said" else text.index(cue)
        q, s = (q0, q0 + len(cue)), span(source)
        rows += [f"T{3 * k + 1}\tContent {c[0]} {c[1]}\t{text[c[0]:c[1]]}", f"T{3 * k + 2}\tCue {q[0]} {q[1]}\t{cue}",
                 f"T{3 * k + 3}\tSource {s[0]} {s[1]}\t{source}",
                 f"E{k + 1}\tAttribution:T{3 * k + 2} Content:T{3 * k + 1} Cue:T{3 * k + 2} Source:T{3 * k + 3}"]
    (root / "attributions" / "a_x1.ann").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "attributions" / "a_x2.ann").write_text("", encoding="utf-8")  # a second annotator: left out
    return root


def test_polnear_eval_on_a_tiny_folder(tmp_path: Path) -> None:
    root = _polnear(tmp_path / "polnear")
    gold = read_ann(root / "attributions" / "a_x1.ann")
    assert [g.source for g in gold] == ["he", "Hillary Clinton", "Aides"]
    res = evaluate_polnear(root)
    assert res["articles"] == 1 and res["second_annotations_left_out"] == 1
    o = res["ours"]
    assert o["gold"] == 3 and o["matched"] == 2 and o["speaker_acc"] == 1.0
    # "he" has no named Source before it in the gold (Trump is no Source): unnamed, scored apart
    assert o["pronoun_scored"] == 0 and o["named_scored"] == 1 and o["unnamed_matched"] == 1
    assert res["baseline"]["gold"] == 3 and "speech_cue" in res
    json.dumps(res)
    out = subprocess.run([sys.executable, "-m", "kronik", "eval", "quotes", "--polnear", str(root), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["quote_f1"] == res["quote_f1"]
    bad = subprocess.run([sys.executable, "-m", "kronik", "eval", "quotes", "--polnear", str(tmp_path)],
                         capture_output=True, text=True)
    assert bad.returncode == 2


def test_polnear_dev_meets_the_speaker_bar_or_reports_it(shared_data: Path) -> None:
    root = shared_data / "quotes" / "polnear" / "dev"
    if not root.is_dir():
        pytest.skip("PolNeAR dev is absent")
    res = evaluate_polnear(root)
    assert res["articles"] == 84
    # measured 0.839 at this commit (bar 0.85, not reached); guard against regressions
    assert res["speaker_acc"] >= 0.82 and res["quote_f1"] >= 0.49
    assert res["speaker_acc"] > res["baseline"]["speaker_acc"] + 0.4


def test_a_time_phrase_before_the_subject_is_not_the_speaker() -> None:
    qs = _quotes(["Voting officials met on Tuesday.",
                  ("Last month, the FBI warned state officials to boost their election security after hackers "
                  "breached two systems.")])
    assert qs and qs[-1].speaker == "FBI"


def test_the_date_of_a_dateline_is_not_a_topic() -> None:
    qs = _quotes([("BOSTON, Oct. 3 (UPI) \u2014 In a preview clip for Alicia Garcia\u2019s new show, Garcia sings a song "
                  "to the crowd."),
                  "\u201cWe will keep our hands up high,\u201d Garcia sings before asking, \u201cWhere do we go from here?\u201d"])
    assert qs and all(q.speaker != "Oct" for q in qs)
    assert qs[0].speaker and qs[0].speaker.endswith("Garcia")


def test_transcript_labels_name_a_speaker_the_article_never_names_in_full() -> None:
    qs = _quotes(["Mike Pence appeared on the Sunday show.",
                  "\u201cHANNITY: Let us start with the debate. Will she be there?",
                  "\u201cPENCE: Well, look, I think so.",
                  "\u201cHANNITY: And the polls?"])
    assert [q.speaker for q in qs] == ["Hannity", "Mike Pence", "Hannity"]


def test_a_speaker_is_named_in_the_articles_language() -> None:
    qs = _quotes(["The International Monetary Fund said Tuesday that it is lowering its forecast for growth."])
    assert qs and qs[0].speaker == "International Monetary Fund"


def test_she_does_not_stand_for_a_group() -> None:
    qs = _quotes(["Margaret Parker, 62, of Silver Spring, said the exhibit reminded her of her grandmother.",
                  "Many of the visitors were older, she said, and they stayed for hours.",
                  "\u201cIf you grew up in the South, you remember all of it,\u201d she added."])
    assert qs and qs[-1].speaker == "Margaret Parker"
