"""Word segmentation with an isolated jieba tokenizer.

``jieba``'s module functions share one global dictionary; adding words there
changes every other user of jieba in the process.  :class:`JiebaSegmenter`
owns a private ``jieba.Tokenizer`` with the government-report user dictionary
(``resources/userdict.txt``) loaded into it alone.  It pickles as its
settings and rebuilds lazily, so it crosses into spawned worker processes.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol, runtime_checkable

from ..records import Token
from ..resources import resource_path

_LOG = logging.getLogger("jieba")


@runtime_checkable
class Segmenter(Protocol):
    """Anything that cuts Chinese text into words."""

    def cut(self, text: str) -> list[str]: ...


class JiebaSegmenter:
    """An isolated ``jieba.Tokenizer`` with policyparse's user dictionary."""

    def __init__(self, userdict: str | None = None, *, hmm: bool = True) -> None:
        self.userdict = userdict if userdict is not None else resource_path("userdict.txt")
        self.hmm = hmm
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _build(self) -> Any:
        import jieba

        level = _LOG.level
        _LOG.setLevel(logging.WARNING)  # silence "Building prefix dict…" chatter
        try:
            tok = jieba.Tokenizer()
            tok.initialize()
            tok.load_userdict(self.userdict)
        finally:
            _LOG.setLevel(level)
        return tok

    @property
    def tokenizer(self) -> Any:
        """The private ``jieba.Tokenizer`` (built on first use)."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._build()
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=self.hmm))

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        """Words of ``text`` as tokens whose spans are shifted by ``offset``."""
        out: list[Token] = []
        pos = offset
        for word in self.cut(text):
            out.append(Token(span=(pos, pos + len(word)), text=word))
            pos += len(word)
        return out

    def __contains__(self, word: str) -> bool:
        """Is ``word`` a dictionary word (frequency > 0) for this tokenizer?"""
        return bool(self.tokenizer.FREQ.get(word))

    def __getstate__(self) -> dict[str, Any]:
        return {"userdict": self.userdict, "hmm": self.hmm}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["userdict"], hmm=state["hmm"])  # type: ignore[misc]


_DEFAULT: dict[str, JiebaSegmenter] = {}


def default_segmenter() -> JiebaSegmenter:
    """The per-process default segmenter (built once per process, lazily)."""
    seg = _DEFAULT.get("default")
    if seg is None:
        seg = _DEFAULT.setdefault("default", JiebaSegmenter())
    return seg
