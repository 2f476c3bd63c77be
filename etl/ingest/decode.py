"""Bytes of a received file -> text, or the reason it cannot be used."""
import codecs
import unicodedata

from etl.settings import MIN_PRINTABLE_SHARE


class Unusable(Exception):
    """The file is not a usable text document; the message says why."""


def _printable_share(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 1.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r\f")
    return 1 - bad / len(sample)


def _as_declared(raw: bytes, declared: str | None) -> tuple[str, str] | None:
    if not declared or declared == "utf-8":
        return None
    try:
        return raw.decode(declared), f"decoded as {declared} (declared in the file)"
    except UnicodeDecodeError:
        return None  # the declaration is wrong; the bytes decide, as for a file that declares nothing


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Return (text, note); the note says when the text was not plain UTF-8.

    `declared` is the charset a file names for itself (an HTML meta tag), as a Python codec name;
    a byte-order mark outranks it.
    """
    note = None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, note = raw.decode("utf-16"), "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError as exc:
            raise Unusable(f"UTF-16 byte-order mark but not decodable as UTF-16 ({exc.reason})") from exc
    elif raw.startswith(codecs.BOM_UTF8):
        try:
            text, note = raw[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 byte-order mark removed"
        except UnicodeDecodeError as exc:
            raise Unusable(f"UTF-8 byte-order mark but not decodable as UTF-8 (byte {exc.start + len(codecs.BOM_UTF8)})") from exc
    elif as_declared := _as_declared(raw, declared):
        text, note = as_declared
    else:
        if b"\x00" in raw:
            raise Unusable("binary file (contains NUL bytes)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text, note = raw.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
            except UnicodeDecodeError as exc:
                raise Unusable(f"not decodable as UTF-8 or Windows-1252 (byte {exc.start})") from exc
    if _printable_share(text) < MIN_PRINTABLE_SHARE:
        raise Unusable("binary content (too many control characters)")
    if not text.strip():
        raise Unusable("empty (no text)")
    return text, note
