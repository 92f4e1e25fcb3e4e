"""The fingerprint of a document's body, shared by the duplicate, headline and boilerplate rules."""
from __future__ import annotations

import hashlib

from .words import body_lower, has_unspaced_script, tokens


def body_fingerprint(doc, min_words: int = 1) -> bytes | None:
    """A hash of the body text with case and whitespace folded; None below ``min_words`` words.

    Computed once per document (``doc.memo`` key ``duplicates.body_fingerprint``,
    holding the word count and the hash) however many rules ask. Words are
    counted as :func:`corpuslint.words.tokens` counts them.
    """
    words, digest = doc.memo("duplicates.body_fingerprint", lambda: _fingerprint(body_lower(doc)))
    return digest if words >= min_words else None


def _fingerprint(text: str) -> tuple[int, bytes | None]:
    """``(words, 12-byte hash)`` of a lower-cased body; ``(0, None)`` when it has no words."""
    words = text.split()
    if not words:
        return 0, None
    count = len(tokens(text)) if has_unspaced_script(text) else len(words)
    return count, hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=12).digest()
