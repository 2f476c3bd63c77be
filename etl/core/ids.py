"""The one id rule: a prefix and the first 12 hex digits of a SHA-256 over the parts that make a
row what it is, so the same fact gets the same id in every build."""
import hashlib
import re
import unicodedata


def stable_id(prefix: str, *parts) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def slug(name: str, default: str = "") -> str:
    """A readable id from a name: 'Al-Watan (Syria)' -> 'al-watan-syria', accents folded."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or default


# Letters that NFKD does not split into a base letter and a mark: folded by hand, or the fold
# would drop them ("Łask" -> "ask", "Đakovo" -> "akovo": an English word taken for a town).
_UNSPLIT = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE",
                          "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d", "ı": "i",
                          "Ħ": "H", "ħ": "h", "Ə": "A", "ə": "a"})


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_UNSPLIT)).encode("ascii", "ignore").decode()
