"""Encodings, line breaks and odd code points, through the library and `cleaner clean`: offsets count code points."""

from __future__ import annotations

import base64
import json
import unicodedata
from pathlib import Path
from typing import Any

import orjson
import pytest

from cleaner import Cleaner, Result, restore
from cleaner.cli import main
from cleaner.load import default_rules_dir
from cleaner.removals import removal_from_dict

# Articles written for these tests; the second paragraph of each is a teaser the shipped rules remove.
ENGLISH = (
    "The harbour authority in Felixstowe said on Monday that container traffic would resume by the end of the "
    "week, after engineers finished replacing a crane that collapsed during last month's storm.",
    "Also read: Storm closes three ports on the east coast",
    "Shipping companies had diverted more than forty vessels to Southampton and Rotterdam. A spokesperson for "
    "the port said the backlog would take at least ten days to clear.",
    "Union representatives welcomed the reopening but warned that the overtime rules agreed in the spring "
    "still had to be honoured.",
)
GERMAN = (
    "Die Stadtwerke haben am Dienstag angekündigt, die Preise für Fernwärme im kommenden Jahr um "
    "durchschnittlich sechs Prozent zu erhöhen.",
    "Lesen Sie auch: Warum die Netzentgelte schon wieder steigen",
    "Begründet wird der Schritt mit gestiegenen Kosten für Gas und für den Ausbau des Leitungsnetzes. "
    "Verbraucherschützer kritisierten die Ankündigung als überzogen.",
    "Der Stadtrat will sich in seiner nächsten Sitzung mit dem Thema befassen.",
)
FRENCH = (
    "La mairie de Lyon a présenté jeudi un plan pour planter trente mille arbres d'ici à 2030, principalement "
    "dans les quartiers les plus exposés à la chaleur.",
    "À lire aussi : Canicule, les villes cherchent des îlots de fraîcheur",
    "Le projet, estimé à quarante millions d'euros, sera financé en partie par la métropole. Les premières "
    "plantations commenceront à l'automne.",
    "L'opposition municipale juge le calendrier trop optimiste.",
)
VIETNAMESE = (
    "Cảng Hải Phòng đã hoạt động trở lại vào sáng thứ Hai sau khi cơn bão đi qua, theo thông báo của ban quản lý.",
    "Xem thêm: Bão số 3 gây thiệt hại nặng cho các tỉnh ven biển",
    "Hơn hai mươi tàu hàng đã phải neo đậu ngoài khơi trong ba ngày. Các doanh nghiệp vận tải cho biết hàng hóa "
    "sẽ được giải phóng trong tuần này.",
)
# Right-to-left text inside an English report: Hebrew and Arabic names, bidi marks and isolates.
RTL = (
    "Talks resumed in Haifa on Tuesday between the port operator \u2067נמל חיפה\u2069 and the dockers' union, "
    "whose statement was headed \u200fإضراب الموانئ\u200f in its Arabic edition.",
    "\u200fAlso read: What the strike means for shipping in the eastern Mediterranean",
    "Negotiators said a draft agreement, \u202bטיוטת הסכם\u202c in the Hebrew press, could be signed by Friday.",
)
ARTICLES = {"en": ENGLISH, "de": GERMAN, "fr": FRENCH, "vi": VIETNAMESE, "rtl": RTL}
CLUTTER = 1  # the index of the teaser paragraph in every article
# Paragraph separator and final line break of each line-break style.
BREAKS = {
    "lf": ("\n\n", "\n"),
    "crlf": ("\r\n\r\n", "\r\n"),
    "cr": ("\r\r", "\r"),
    "single-lf": ("\n", "\n"),
    "nel": ("\x85", "\x85"),
    "u2028": ("\u2028", "\u2028"),
    "u2029": ("\u2029", "\u2029"),
}
ZWJ_FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # one grapheme, five code points, eight UTF-16 units
RULE_FILES = [default_rules_dir() / "related_link" / f"{lang}.yaml" for lang in ("en", "de", "fr", "vi")]
RULE_ARGS = ["--no-default-rules", *(arg for path in RULE_FILES for arg in ("--rules", str(path)))]


def join(paragraphs: tuple[str, ...] | list[str], sep: str = "\n\n", end: str = "\n") -> str:
    return sep.join(paragraphs) + end


def without_clutter(paragraphs: tuple[str, ...]) -> list[str]:
    return [p for n, p in enumerate(paragraphs) if n != CLUTTER]


def assert_exact(original: str, result: Result) -> None:
    """Each removal is the original's text at [start, end) in code points; clean text plus log gives the original."""
    position = 0
    for removal in result.removals:
        assert position <= removal.start < removal.end
        assert original[removal.start : removal.end] == removal.text
        position = removal.end
    assert restore(result.text, result.removals) == original


def clutter_offsets(paragraphs: tuple[str, ...], sep: str) -> tuple[int, int]:
    start = len(sep.join(paragraphs[:CLUTTER]) + sep)
    return start, start + len(paragraphs[CLUTTER] + sep)


# --- the library -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ARTICLES)
@pytest.mark.parametrize("brk", BREAKS)
def test_the_teaser_goes_with_its_own_line_break_and_every_other_break_is_kept(
    cleaner: Cleaner, language: str, brk: str
) -> None:
    paragraphs, (sep, end_) = ARTICLES[language], BREAKS[brk]
    text = join(paragraphs, sep, end_)
    result = cleaner.clean(text)
    start, end = clutter_offsets(paragraphs, sep)
    assert [(r.start, r.end, r.text) for r in result.removals] == [(start, end, paragraphs[CLUTTER] + sep)]
    assert result.text == join(without_clutter(paragraphs), sep, end_)
    assert_exact(text, result)


def test_mixed_line_breaks_in_one_text_are_each_kept_as_they_were(cleaner: Cleaner) -> None:
    text = ENGLISH[0] + "\r\n\r\n" + ENGLISH[1] + "\r\n" + ENGLISH[2] + "\u2029" + ENGLISH[3] + "\r"
    result = cleaner.clean(text)
    assert [r.text for r in result.removals] == [ENGLISH[1] + "\r\n"]
    assert result.text == ENGLISH[0] + "\r\n\r\n" + ENGLISH[2] + "\u2029" + ENGLISH[3] + "\r"
    assert_exact(text, result)


def test_offsets_after_astral_emoji_count_code_points_not_utf16_units(cleaner: Cleaner) -> None:
    first = f"{ZWJ_FAMILY} Families queued at the ferry terminal 🚢 before dawn, hoping for a crossing. 🌊🌊"
    text = join([first, *ENGLISH[1:]])
    result = cleaner.clean(text)
    (removal,) = result.removals
    assert removal.start == len(first) + 2
    assert removal.start != len((first + "\n\n").encode("utf-16-le")) // 2
    assert text[removal.start : removal.end] == ENGLISH[1] + "\n\n"
    assert_exact(text, result)


def test_offsets_after_combining_marks_count_each_mark_as_a_code_point(cleaner: Cleaner) -> None:
    decomposed = unicodedata.normalize("NFD", VIETNAMESE[0])
    assert len(decomposed) > len(VIETNAMESE[0])
    text = join([decomposed, VIETNAMESE[1], VIETNAMESE[2]])
    result = cleaner.clean(text)
    (removal,) = result.removals
    assert removal.start == len(decomposed) + 2
    assert_exact(text, result)
    assert result.text == join([decomposed, VIETNAMESE[2]])  # the decomposed paragraph stays decomposed


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_a_decomposed_teaser_phrase_is_not_recognised_because_text_is_never_normalised(
    cleaner: Cleaner, language: str
) -> None:
    composed = join(ARTICLES[language])
    assert cleaner.clean(composed).removals != ()
    decomposed = unicodedata.normalize("NFD", composed)
    result = cleaner.clean(decomposed)
    assert result.removals == () and result.text == decomposed


def test_a_utf8_bom_is_one_code_point_that_belongs_to_the_first_line(cleaner: Cleaner) -> None:
    kept = "\ufeff" + join(ENGLISH)
    result = cleaner.clean(kept)
    assert result.text.startswith("\ufeff") and result.removals[0].start == len(ENGLISH[0]) + 3
    assert_exact(kept, result)
    teaser_first = "\ufeff" + join(ENGLISH[1:])
    result = cleaner.clean(teaser_first)
    assert result.removals[0].text == "\ufeff" + ENGLISH[1] + "\n\n"  # the BOM goes with the teaser, logged
    assert result.text == join(ENGLISH[2:])
    assert_exact(teaser_first, result)


@pytest.mark.parametrize("mark", ["\u200b", "\u200f", "\u2060", "\ufeff"], ids=["zwsp", "rlm", "word-joiner", "zwnbsp"])
def test_an_invisible_mark_before_a_teaser_goes_with_the_teaser(cleaner: Cleaner, mark: str) -> None:
    paragraphs = (ENGLISH[0], mark + ENGLISH[1], *ENGLISH[2:])
    text = join(paragraphs)
    result = cleaner.clean(text)
    assert [r.text for r in result.removals] == [mark + ENGLISH[1] + "\n\n"]
    assert_exact(text, result)


@pytest.mark.parametrize(
    ("mark", "where"),
    [("\u200b", "inside"), ("\u200d", "inside"), ("\u00ad", "inside"), ("\u200d", "before"), ("\u200c", "before")],
    ids=["zwsp-inside", "zwj-inside", "soft-hyphen-inside", "zwj-before", "zwnj-before"],
)
def test_an_invisible_mark_inside_the_teaser_phrase_hides_it_from_the_rules(
    cleaner: Cleaner, mark: str, where: str
) -> None:
    # Before the phrase, only the join controls hide it: the `regex` module counts them as word characters.
    teaser = ENGLISH[1].replace("Also read", f"Also{mark} read") if where == "inside" else mark + ENGLISH[1]
    text = join((ENGLISH[0], teaser, *ENGLISH[2:]))
    result = cleaner.clean(text)
    assert result.removals == () and result.text == text


def test_nul_characters_are_ordinary_code_points_kept_or_removed_with_their_line(cleaner: Cleaner) -> None:
    paragraphs = (ENGLISH[0].replace("Monday", "Mon\x00day"), ENGLISH[1] + "\x00", *ENGLISH[2:])
    text = join(paragraphs)
    result = cleaner.clean(text)
    assert [r.text for r in result.removals] == [ENGLISH[1] + "\x00\n\n"]
    assert "Mon\x00day" in result.text
    assert_exact(text, result)


def test_lone_surrogates_from_a_lenient_decoder_are_cleaned_with_exact_offsets(cleaner: Cleaner) -> None:
    raw = join(ENGLISH).encode().replace(b"Monday", b"Mon\xffday")
    text = raw.decode("utf-8", errors="surrogateescape")
    assert "\udcff" in text
    result = cleaner.clean(text)
    assert [r.text for r in result.removals] == [ENGLISH[1] + "\n\n"]
    assert_exact(text, result)
    assert result.text.encode("utf-8", errors="surrogateescape") == join(without_clutter(ENGLISH)).encode().replace(
        b"Monday", b"Mon\xffday"
    )


def test_the_library_takes_text_not_bytes(cleaner: Cleaner) -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        cleaner.clean(join(ENGLISH).encode())  # type: ignore[arg-type]


# --- `cleaner clean` on text files -------------------------------------------------------------------------

TEXT_FILES: dict[str, bytes] = {
    "en_lf.txt": join(ENGLISH).encode(),
    "de_crlf.txt": join(GERMAN, "\r\n\r\n", "\r\n").encode(),
    "fr_cr.txt": join(FRENCH, "\r\r", "\r").encode(),
    "vi_u2028.txt": join(VIETNAMESE, "\u2028", "").encode(),
    "rtl_u2029.txt": join(RTL, "\u2029", "\u2029").encode(),
    "en_bom.txt": b"\xef\xbb\xbf" + join(ENGLISH).encode(),
    "en_nul.txt": join(ENGLISH).replace("Monday", "Mon\x00day").encode(),
    "en_emoji.txt": join([f"{ZWJ_FAMILY} {ENGLISH[0]}", *ENGLISH[1:]]).encode(),
    "vi_nfd.txt": join([unicodedata.normalize("NFD", VIETNAMESE[0]), *VIETNAMESE[1:]]).encode(),
    "en_utf16.txt": join(ENGLISH).encode("utf-16"),
    "en_invalid.txt": join(ENGLISH).encode().replace(b"Monday", b"Mon\xc3day"),
}
UNREADABLE = {
    "en_utf16.txt": "invalid UTF-8: byte 0: invalid start byte",
    "en_invalid.txt": f"invalid UTF-8: byte {join(ENGLISH).encode().index(b'Monday') + 3}: invalid continuation byte",
}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


@pytest.fixture(scope="module")
def text_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """One `cleaner clean` over a folder holding every text-file case; returns the run folder and exit status."""
    root = tmp_path_factory.mktemp("texts")
    (root / "in").mkdir()
    for name, data in TEXT_FILES.items():
        (root / "in" / name).write_bytes(data)
    code = main(["clean", str(root / "in"), "-o", str(root / "out"), "--log", str(root / "log.jsonl"), *RULE_ARGS])
    return root, code


def log_of(root: Path, name: str) -> list[dict[str, Any]]:
    return [row for row in read_jsonl(root / "log.jsonl") if row["id"].endswith(name)]


@pytest.mark.parametrize("name", [n for n in TEXT_FILES if n not in UNREADABLE])
def test_a_text_file_is_decoded_as_utf8_and_its_bytes_come_back_from_the_output_and_the_log(
    text_run: tuple[Path, int], name: str
) -> None:
    root, _ = text_run
    original = TEXT_FILES[name].decode("utf-8")
    rows = log_of(root, name)
    teasers = [p[CLUTTER] for p in ARTICLES.values() if p[CLUTTER] in original]
    assert [row["text"].rstrip("\r\n\u2028\u2029") for row in rows] == teasers
    for row in rows:
        assert original[row["start"] : row["end"]] == row["text"]
    clean = (root / "out" / name).read_bytes().decode("utf-8")
    assert restore(clean, [removal_from_dict(row) for row in rows]) == original


@pytest.mark.parametrize(
    ("name", "sep", "end"),
    [("de_crlf.txt", "\r\n\r\n", "\r\n"), ("fr_cr.txt", "\r\r", "\r"), ("vi_u2028.txt", "\u2028", "")],
    ids=["crlf", "cr", "u2028"],
)
def test_a_text_files_line_breaks_are_written_back_byte_for_byte(
    text_run: tuple[Path, int], name: str, sep: str, end: str
) -> None:
    root, _ = text_run
    language = name.split("_")[0]
    assert (root / "out" / name).read_bytes() == join(without_clutter(ARTICLES[language]), sep, end).encode()


def test_a_text_files_bom_is_kept_in_the_output_and_counted_in_the_offsets(text_run: tuple[Path, int]) -> None:
    root, _ = text_run
    assert (root / "out" / "en_bom.txt").read_bytes() == b"\xef\xbb\xbf" + join(without_clutter(ENGLISH)).encode()
    (row,) = log_of(root, "en_bom.txt")
    assert row["start"] == 1 + len(ENGLISH[0]) + 2


def test_a_text_file_with_emoji_is_logged_in_code_points(text_run: tuple[Path, int]) -> None:
    root, _ = text_run
    (row,) = log_of(root, "en_emoji.txt")
    assert row["start"] == len(f"{ZWJ_FAMILY} {ENGLISH[0]}\n\n") == len(ZWJ_FAMILY) + len(ENGLISH[0]) + 3


@pytest.mark.parametrize("name", UNREADABLE)
def test_a_text_file_that_is_not_utf8_is_set_aside_whole_naming_the_byte(text_run: tuple[Path, int], name: str) -> None:
    root, code = text_run
    assert code == 1
    rejects = {Path(r["source"]).name: r for r in read_jsonl(root / "out.rejects.jsonl")}
    assert set(rejects) == set(UNREADABLE)
    assert rejects[name]["line"] == 1 and rejects[name]["reason"] == UNREADABLE[name]
    assert base64.b64decode(rejects[name]["raw_base64"]) == TEXT_FILES[name]
    assert not (root / "out" / name).exists()
    assert log_of(root, name) == []


def test_a_single_utf16_text_file_is_set_aside_and_its_output_file_is_left_empty(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_bytes(join(ENGLISH).encode("utf-16"))
    out = tmp_path / "article.clean.txt"
    assert main(["clean", str(source), "-o", str(out), "-q", *RULE_ARGS]) == 1
    (reject,) = read_jsonl(tmp_path / "article.clean.txt.rejects.jsonl")
    assert reject["reason"] == "invalid UTF-8: byte 0: invalid start byte"
    assert base64.b64decode(reject["raw_base64"]) == source.read_bytes()
    assert out.read_bytes() == b""


# --- `cleaner clean` on JSONL ------------------------------------------------------------------------------


def record(doc_id: str, text: str, ascii_only: bool = True) -> bytes:
    """One JSONL line: every non-ASCII code point escaped (json.dumps), or raw UTF-8 (orjson)."""
    if ascii_only:
        return json.dumps({"id": doc_id, "text": text}).encode() + b"\n"
    return orjson.dumps({"id": doc_id, "text": text}) + b"\n"


JSONL_TEXTS = {
    "en-crlf": join(ENGLISH, "\r\n\r\n", "\r\n"),
    "de-cr": join(GERMAN, "\r\r", ""),
    "fr-u2028": join(FRENCH, "\u2028", ""),
    "vi-u2029": join(VIETNAMESE, "\u2029", ""),
    "rtl": join(RTL),
    "en-nul": join(ENGLISH).replace("Monday", "Mon\x00day"),
    "en-emoji": join([f"{ZWJ_FAMILY} {ENGLISH[0]}", *ENGLISH[1:]]),
    "vi-nfd": join([unicodedata.normalize("NFD", VIETNAMESE[0]), *VIETNAMESE[1:]]),  # the teaser stays composed
    "en-bom-inside": "\ufeff" + join(ENGLISH),
}


@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, bytes]:
    """One `cleaner clean` over a JSONL file mixing raw UTF-8 and escaped records with three unreadable lines."""
    root = tmp_path_factory.mktemp("jsonl")
    lines = [record(key, text, ascii_only=n % 2 == 0) for n, (key, text) in enumerate(JSONL_TEXTS.items())]
    lines.insert(2, record("bad-utf8", join(ENGLISH), ascii_only=False).replace(b"Monday", b"Mon\xe2\x28day"))
    lines.insert(4, b'{"id": "lone-surrogate", "text": "Intro.\\n\\nAlso read: \\ud800 x\\n\\nEnd."}\n')
    lines.insert(6, record("crlf-line-end", join(GERMAN)).replace(b"\n", b"\r\n"))
    data = b"".join(lines)
    (root / "in.jsonl").write_bytes(data)
    args = ["clean", str(root / "in.jsonl"), "-o", str(root / "out.jsonl"), "--log", str(root / "log.jsonl")]
    code = main([*args, "-j", "1", "-q", *RULE_ARGS])
    return root, code, data


@pytest.mark.parametrize("key", JSONL_TEXTS)
def test_a_jsonl_record_keeps_its_line_breaks_and_odd_code_points_with_code_point_offsets(
    jsonl_run: tuple[Path, int, bytes], key: str
) -> None:
    root, _, _ = jsonl_run
    original = JSONL_TEXTS[key]
    (written,) = [r for r in read_jsonl(root / "out.jsonl") if r["id"] == key]
    rows = [r for r in read_jsonl(root / "log.jsonl") if r["id"] == key]
    assert restore(written["text"], [removal_from_dict(r) for r in rows]) == original
    for row in rows:
        assert original[row["start"] : row["end"]] == row["text"]
    assert written["removal_count"] == len(rows) == 1


def test_a_jsonl_line_ending_in_crlf_is_read_and_written_back_ending_in_lf(jsonl_run: tuple[Path, int, bytes]) -> None:
    root, _, _ = jsonl_run
    (written,) = [r for r in read_jsonl(root / "out.jsonl") if r["id"] == "crlf-line-end"]
    assert written["text"] == join(without_clutter(GERMAN))
    assert b"\r" not in (root / "out.jsonl").read_bytes().replace(b"\\r", b"")


def test_nul_and_line_separators_are_written_back_as_valid_json(jsonl_run: tuple[Path, int, bytes]) -> None:
    root, _, _ = jsonl_run
    out = (root / "out.jsonl").read_bytes()
    assert b"Mon\\u0000day" in out and b"\x00" not in out
    assert "\u2028".encode() in out  # raw U+2028 inside a JSON string: still one record per "\n"-ended line
    assert len(out.split(b"\n")) == len(JSONL_TEXTS) + 3  # the lone-surrogate record too


def test_invalid_utf8_in_a_jsonl_record_sets_it_aside_naming_file_and_line(jsonl_run: tuple[Path, int, bytes]) -> None:
    root, code, data = jsonl_run
    assert code == 1
    rejects = read_jsonl(root / "out.jsonl.rejects.jsonl")
    bad = next(r for r in rejects if r["line"] == 3)
    original = data.split(b"\n")[2]
    assert bad["source"] == str(root / "in.jsonl")
    assert bad["reason"] == f"invalid UTF-8: byte {original.index(b'Mon') + 3}: invalid continuation byte"
    assert base64.b64decode(bad["raw_base64"]) == original


def test_an_escaped_lone_surrogate_in_a_jsonl_record_is_cleaned_and_written_back_escaped(
    jsonl_run: tuple[Path, int, bytes],
) -> None:
    root, _, _ = jsonl_run
    rejects = read_jsonl(root / "out.jsonl.rejects.jsonl")
    assert [r["line"] for r in rejects] == [3]
    lines = (root / "out.jsonl").read_bytes().splitlines()
    (written,) = [json.loads(line) for line in lines if b"lone-surrogate" in line]
    assert written["text"] == "Intro.\n\nEnd." and written["removal_count"] == 1
    (logged,) = [json.loads(line) for line in (root / "log.jsonl").read_bytes().splitlines() if b"lone-surr" in line]
    assert logged["text"] == "Also read: \ud800 x\n\n"


def test_a_utf8_bom_at_the_start_of_a_jsonl_file_is_skipped_and_every_record_cleaned(tmp_path: Path) -> None:
    source = tmp_path / "bom.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + record("first", join(ENGLISH)) + record("second", join(GERMAN)))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "-j", "1", "-q", *RULE_ARGS]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["first", "second"]
    assert not (tmp_path / "out.jsonl.rejects.jsonl").exists()


def test_a_bom_in_the_middle_of_a_jsonl_file_is_not_skipped(tmp_path: Path) -> None:
    source = tmp_path / "bom.jsonl"
    source.write_bytes(record("first", join(ENGLISH)) + b"\xef\xbb\xbf" + record("second", join(GERMAN)))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "-j", "1", "-q", *RULE_ARGS]) == 1
    (reject,) = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert (reject["line"], reject["reason"].split(":")[0]) == (2, "not JSON")


def test_a_utf16_jsonl_file_has_every_line_set_aside_and_nothing_cleaned(tmp_path: Path) -> None:
    source = tmp_path / "utf16.jsonl"
    source.write_bytes((record("a", join(ENGLISH)) + record("b", join(GERMAN))).decode().encode("utf-16"))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "-j", "1", "-q", *RULE_ARGS]) == 1
    rejects = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert [r["reason"].split(":")[0] for r in rejects] == ["invalid UTF-8", "not JSON", "not JSON"]
    assert b"\n".join(raw_bytes(r) for r in rejects) == source.read_bytes()
    assert out.read_bytes() == b""


def raw_bytes(reject: dict[str, Any]) -> bytes:
    """The input line a reject record holds: `raw` when it was UTF-8, else `raw_base64`."""
    return base64.b64decode(reject["raw_base64"]) if "raw_base64" in reject else str(reject["raw"]).encode()
