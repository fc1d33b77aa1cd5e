"""Split a text into paragraph lines that keep their code-point offsets into the original."""

from __future__ import annotations

from dataclasses import dataclass

# The line breaks of str.splitlines, so "\r\n", a lone "\r" and "\u2028" all end a line.
_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass(slots=True)
class Line:
    """One line: its content is text[start:end], its line break text[end:next]; `blank` if only whitespace.

    Not frozen: a document splits into dozens of these, and a frozen dataclass builds three times slower.
    Nothing changes a Line once split_lines made it.
    """

    index: int
    start: int
    end: int
    next: int
    text: str
    blank: bool


def split_lines(text: str) -> list[Line]:
    r"""Return the lines of `text`; a final line break does not open an empty last line.

    >>> [(line.start, line.end, line.next) for line in split_lines("ab\r\ncd")]
    [(0, 2, 4), (4, 6, 6)]
    >>> split_lines("")
    []
    """
    lines: list[Line] = []
    append = lines.append
    pos = 0
    # str.splitlines splits at exactly these breaks (keeping "\r\n" whole) and runs in C.
    for index, chunk in enumerate(text.splitlines(keepends=True)):
        content = chunk.rstrip(_BREAK_CHARS)
        following = pos + len(chunk)
        append(Line(index, pos, pos + len(content), following, content, content.isspace() or not content))
        pos = following
    return lines
