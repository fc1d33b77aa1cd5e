"""HTML input: trafilatura extracts the article text (and title), then the rules clean it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The extraction settings the quality benchmark was measured with; callers may override any of them.
DEFAULT_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}


class ExtractionError(ValueError):
    """trafilatura could not find article text in a page."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text trafilatura found in a page, with its title, language and canonical URL when the page declares them."""

    text: str
    title: str | None
    language: str | None
    url: str | None = None


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("HTML input needs trafilatura: pip install 'article-cleaner[html]'") from None
    return trafilatura


def extract_html(html: str | bytes, url: str | None = None, **options: Any) -> Extracted:
    """Extract article text and metadata from a page; raise ExtractionError when there is none.

    The text is what `trafilatura.extract` returns for the same settings (stripped, NFC-normalised).
    """
    trafilatura = _trafilatura()
    from trafilatura.utils import normalize_unicode

    settings = {**DEFAULT_OPTIONS, **options}
    try:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, **settings)
    except Exception as error:  # trafilatura raises a variety of parser errors on broken markup
        raise ExtractionError(f"trafilatura failed: {type(error).__name__}: {error}") from error
    if document is None or not (document.text or "").strip():
        raise ExtractionError("trafilatura found no article text")
    text = normalize_unicode(document.text.strip())
    language = getattr(document, "language", None) or None
    return Extracted(text, document.title or None, language, getattr(document, "url", None) or None)
