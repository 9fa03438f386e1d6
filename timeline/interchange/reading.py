"""Reading bytes: a file's size, its encoding and its format, then its records."""

from __future__ import annotations

from .csv_reader import parse_csv
from .json_reader import parse_json
from .parsed import ParsedFile
from .problems import ImportRejected, Problem, reject
from .schema import FORMATS, MAX_IMPORT_BYTES


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def size_problem(size: int | None = None) -> Problem:
    """The file is over the limit (`size` in bytes when known)."""
    limit = f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB ({MAX_IMPORT_BYTES:,} bytes)"
    what = f"the file is {_megabytes(size)}" if size else "the file is larger than the limit"
    return Problem(None, "file", f"{what}; imports are limited to {limit}. Split it into smaller files.")


def check_size(size: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > MAX_IMPORT_BYTES:
        raise ImportRejected([size_problem(size)])


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a located error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise reject(
            "file",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}). "
            "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again.",
        ) from None
    if not text.strip():
        raise reject("file", "the file is empty.")
    return text


def detect_format(text: str, filename: str = "") -> str:
    """The format the file's name says, else the one its first character suggests."""
    name = filename.lower()
    for fmt in FORMATS:
        if name.endswith(f".{fmt}"):
            return fmt
    return "json" if text.lstrip()[:1] in ("{", "[") else "csv"


def read_file(data: bytes, *, fmt: str | None = None, filename: str = "") -> ParsedFile:
    """Bytes of a JSON or CSV file, bounded and decoded, as records."""
    check_size(len(data))
    text = decode(data)
    fmt = fmt or detect_format(text, filename)
    if fmt not in FORMATS:
        raise reject("format", f"unknown format “{fmt[:20]}”; choose json or csv.")
    return parse_json(text) if fmt == "json" else parse_csv(text)
