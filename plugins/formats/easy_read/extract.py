"""Babel extraction for the easy-read lines: Python's, with every `er("...")` filed under the
message context "easy read" (`er` takes no context argument, so Babel's keyword specs cannot say it).

`translations/babel.cfg` names this function for `formats/easy_read/**.py`, ahead of the plain
Python rule; every other keyword in those files is extracted as Babel would.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

from .content import CONTEXT

MARKER = "er"


def extract_easy_read(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel's Python extraction, with the context put in front of each `er` message; the
    configuration gives `er` the keyword spec `er:1c,2` to read it back."""
    for lineno, funcname, messages, comments in extract_python(
        fileobj, keywords, comment_tags, options
    ):
        if funcname == MARKER:
            yield lineno, funcname, (CONTEXT, messages), comments
        else:
            yield lineno, funcname, messages, comments
