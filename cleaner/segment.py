"""Split a text into paragraph lines that keep their code-point offsets into the original."""

from __future__ import annotations

from dataclasses import dataclass

# The line breaks of str.splitlines, so "\r\n", a lone "\r" and "\u2028" all end a line.
_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its content is text[start:end], its line break text[end:next]."""

    index: int
    start: int
    end: int
    next: int
    text: str

    @property
    def blank(self) -> bool:
        """True for a line holding only whitespace."""
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    r"""Return the lines of `text`; a final line break does not open an empty last line.

    >>> [(line.start, line.end, line.next) for line in split_lines("ab\r\ncd")]
    [(0, 2, 4), (4, 6, 6)]
    >>> split_lines("")
    []
    """
    lines: list[Line] = []
    pos = 0
    # str.splitlines splits at exactly these breaks (keeping "\r\n" whole) and runs in C.
    for index, chunk in enumerate(text.splitlines(keepends=True)):
        content = chunk.rstrip(_BREAK_CHARS)
        end = pos + len(content)
        lines.append(Line(index, pos, end, pos + len(chunk), content))
        pos += len(chunk)
    return lines
