"""Bytes to text: BOM, then the declared charset, then UTF-8, then charset-normalizer's guess.

Declared charsets come first because they are usually right; UTF-8 is tried strictly before
guessing because a guess on short text is unreliable, and guessing comes last because it is.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsgraph.extract.language import detect_language

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# Pages that say latin-1 mean windows-1252 (the WHATWG encoding standard maps them so).
_ALIASES = {"latin-1": "cp1252", "latin1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252",
            "iso_8859-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
# Languages whose alphabet windows-1252 covers.
_WESTERN = frozenset({"en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is",
                      "ca", "gl", "eu", "ga", "af", "lb", "oc", "br", "wa", "la", "id", "ms", "sw", "et"})
GUESSED = "guessed:"
# How many bytes charset-normalizer looks at: enough to guess, bounded so a big file stays fast.
_GUESS_BYTES = 200_000


def declared_charset(data: bytes, media_type: str = "text/html") -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration names in the first bytes."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or (_META_CHARSET.search(head) if "html" in media_type else None)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = _ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def is_guess(encoding: str) -> bool:
    """True for an encoding that ``decode`` guessed (not a BOM, a declaration or valid UTF-8)."""
    return encoding.startswith(GUESSED)


def decode(data: bytes, *, declared: str | None = None, media_type: str = "text/plain") -> tuple[str, str]:
    """Decode ``data``; returns the text and the encoding used (``guessed:`` + codec for a guess).

    ``declared`` is what the transport said (an HTTP charset); a document's own declaration is
    read for HTML and XML.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    for candidate in (declared, declared_charset(data, media_type)):
        codec = _codec(candidate)
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                continue  # a wrong declaration is common; fall through to the next guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:_GUESS_BYTES]
    if _is_western(sample):
        return data.decode("cp1252", errors="replace"), f"{GUESSED}cp1252"
    best = charset_normalizer.from_bytes(sample).best()
    codec = (_codec(best.encoding) if best else None) or "cp1252"
    return data.decode(codec, errors="replace"), f"{GUESSED}{codec}"


def _is_western(sample: bytes) -> bool:
    """True when ``sample`` reads as a Western European language in windows-1252.

    Single-byte guesses are ambiguous: charset-normalizer may pick cp1250 for French ("ministčre").
    Every letter of English, French, German, Spanish, Italian, Portuguese, Dutch and the Nordic
    languages is in windows-1252, and their texts are mostly ASCII letters; text in another
    script decoded as cp1252 is nearly all accented letters and is not identified as one of them.
    """
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False  # bytes undefined in cp1252 (0x81, 0x8d ...): another code page
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(not c.isascii() for c in letters) > 0.3 * len(letters):
        return False
    language, confidence = detect_language(text)
    return language in _WESTERN and confidence >= 0.5
