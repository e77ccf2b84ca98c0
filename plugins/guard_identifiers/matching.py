"""Find protected identifiers in text as people write them — whatever its case, accents, look-alike
letters from other alphabets (a UTS #39 confusables skeleton), abbreviations, spacing, line breaks
and hyphenation — and say where each one is in the text as written."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import confusable_homoglyphs

SOFT_HYPHEN = "\u00ad"
LINE_HYPHENS = "-\u2010\u2011"
CONTEXT = 40
MIN_PART = 3
# Name parts that are also everyday words: searching for them alone would stop every report.
# fmt: off
COMMON_WORDS = frozenset((
    "and", "the", "for", "with", "from", "that", "this", "will", "may", "june", "april", "august",
    "grace", "hope", "faith", "joy", "rose", "dawn", "amber", "summer", "sky", "ray", "mark",
    "bill", "rich", "young", "king", "green", "white", "brown", "black", "hill", "wood", "long",
    "child", "baby", "mum", "dad", "mother", "father", "brother", "sister", "son", "daughter",
    "family", "unknown",
))
SCHOOL_WORDS = frozenset((
    "school", "academy", "primary", "secondary", "high", "infant", "infants", "junior", "juniors",
    "nursery", "college", "community", "church", "ce", "rc", "c", "of", "e", "sixth", "form",
    "free", "catholic",
))
# Words people write both in full and abbreviated: each matches all of its group.
ABBREVIATIONS = (
    ("st", "saint", "street"), ("rd", "road"), ("ave", "av", "avenue"), ("dr", "drive"),
    ("ln", "lane"), ("cl", "close"), ("ct", "court"), ("cres", "crescent"), ("pl", "place"),
    ("sq", "square"), ("gdns", "gardens"), ("gr", "grove"), ("ter", "terr", "terrace"),
    ("pk", "park"), ("mt", "mount"), ("hts", "heights"), ("wy", "way"), ("bvd", "boulevard"),
    ("sch", "school"), ("prim", "primary"), ("jnr", "jun", "junior"), ("inf", "infant"),
    ("acad", "academy"), ("coll", "college"), ("cath", "catholic"), ("nr", "near"),
    ("n", "north"), ("s", "south"), ("e", "east"), ("w", "west"), ("gt", "great"),
    ("lt", "little"), ("upr", "upper"), ("lwr", "lower"),
)
# Letters that are their own letter with a stroke, which Unicode does not decompose.
STROKED = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "ı": "i", "ŧ": "t"}
# fmt: on
VARIANTS = {word: group for group in ABBREVIATIONS for word in group}
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
# fmt: off
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
# fmt: on
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d/%m/%y",
    "%d.%m.%y",
)  # fmt: skip


@dataclass(frozen=True)
class Folded:
    """Text folded for matching: lower case, no accents, words separated by single spaces.

    `origin[i]` is the index in the original text of the character `text[i]` came from.
    """

    text: str
    origin: tuple[int, ...]


def fold(original: str, join_hyphenated: bool = False) -> Folded:
    """Fold `original`. With `join_hyphenated`, a word hyphenated at a line end is joined again."""
    chars: list[str] = []
    origin: list[int] = []
    i, n = 0, len(original)

    def space(at: int) -> None:
        if chars and chars[-1] != " ":
            chars.append(" ")
            origin.append(at)

    while i < n:
        ch = original[i]
        if ch == SOFT_HYPHEN:
            i += 1
            continue
        if join_hyphenated and ch in LINE_HYPHENS and chars and chars[-1].isalnum():
            j = i + 1
            while j < n and original[j] in " \t":
                j += 1
            if j < n and original[j] in "\r\n\f":
                while j < n and original[j].isspace():
                    j += 1
                if j < n and original[j].isalnum():
                    i = j
                    continue
        for part in unicodedata.normalize("NFKD", skeleton_char(ch)):
            if unicodedata.combining(part):
                continue
            for c in part.casefold():
                if c.isalnum():
                    chars.append(c)
                    origin.append(i)
                else:
                    space(i)
        i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded("".join(chars), tuple(origin))


@functools.cache
def _look_alikes() -> dict[str, str]:
    """Each letter of another alphabet that looks like a Latin letter, and that letter."""
    data = Path(confusable_homoglyphs.__file__).with_name("confusables.json")
    table: dict[str, str] = {}
    for char, glyphs in json.loads(data.read_text("utf-8")).items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [g for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if latin:
            own = unicodedata.name(char, "").split()[-1:]
            table[char] = next((g for g in latin if g["n"].split()[-1:] == own), latin[0])["c"]
    table.update(STROKED)
    return table


def skeleton_char(ch: str) -> str:
    """One character as its compatibility form, with a look-alike letter made Latin."""
    if ch.isascii():
        return ch
    normal = unicodedata.normalize("NFKC", ch)
    return "".join(c if c.isascii() else _look_alikes().get(c, c) for c in normal)


def phrase(value: str) -> str:
    return fold(value).text


def words_pattern(words: list[str]) -> str:
    """The words in order, each also matching its abbreviation or expansion."""
    parts = []
    for word in words:
        group = VARIANTS.get(word)
        if group:
            parts.append(
                "(?:" + "|".join(re.escape(w) for w in sorted(group, key=len, reverse=True)) + ")"
            )
        else:
            parts.append(re.escape(word))
    return " ".join(parts)


def phrase_pattern(text: str) -> str:
    return words_pattern(text.split())


# -- what to look for, per kind of identifier -----------------------------------------------------


def name_patterns(value: str) -> list[str]:
    full = phrase(value)
    patterns = [phrase_pattern(full)] if full else []
    for part in full.split():
        if len(part) >= MIN_PART and part.isalpha() and part not in COMMON_WORDS and part != full:
            patterns.append(re.escape(part))
    return patterns


def address_patterns(value: str) -> list[str]:
    patterns = []
    for code in POSTCODE.finditer(value):
        patterns.append(f"{re.escape(code[1].lower())} ?{re.escape(code[2].lower())}")
    lines = [p.strip() for p in re.split(r"[,\n;]+", POSTCODE.sub(" ", value)) if p.strip()]
    for index, line in enumerate(lines):
        words = phrase(line).split()
        has_number = any(any(c.isdigit() for c in w) for w in words)
        if has_number and len(" ".join(words)) >= 6:
            patterns.append(words_pattern(words))
        street = [w for w in words if not any(c.isdigit() for c in w)]
        # The street (first line) without its number; later lines are towns and counties, which
        # a report names for other reasons.
        if (index == 0 or has_number) and len(street) >= 2:
            patterns.append(words_pattern(street))
    return patterns


def parse_date(value: str) -> dt.date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"[,]", " ", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_patterns(value: str) -> list[str]:
    """12/03/2015, 12.03.15, 12 March 2015, March 12, 2015, 12th March 2015, 2015-03-12 ..."""
    day = parse_date(value)
    if day is None:
        return [re.escape(phrase(value))] if phrase(value) else []
    month_name = MONTHS[day.month - 1]
    words = {month_name, month_name[:3]} | ({"sept"} if day.month == 9 else set())
    d = "(?:" + "|".join({str(day.day), f"{day.day:02d}", _ordinal(day.day)}) + ")"
    m_num = "(?:" + "|".join({str(day.month), f"{day.month:02d}"}) + ")"
    m_word = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    yyyy, yy = str(day.year), f"{day.year % 100:02d}"
    year = f"(?:{yyyy}|{yy})"
    return [
        f"{d} {m_num} {year}",
        f"{d} (?:of )?{m_word} {year}",
        f"{m_word} {d} {year}",
        f"{yyyy} {m_num} {d}",
        f"{m_num} {d} {yyyy}",
    ]


def school_patterns(value: str) -> list[str]:
    full = phrase(value)
    patterns = [phrase_pattern(full)] if full else []
    core = [w for w in full.split() if not ({w, *VARIANTS.get(w, ())} & SCHOOL_WORDS)]
    if core and core != full.split() and len("".join(core)) >= 5:
        patterns.append(words_pattern(core))
    return patterns


def patterns_for(kind: str, value: str) -> list[str]:
    if kind == "name":
        return name_patterns(value)
    if kind == "address":
        return address_patterns(value)
    if kind == "date_of_birth":
        return date_patterns(value)
    if kind == "school":
        return school_patterns(value)
    found = phrase(value)
    return [phrase_pattern(found)] if found else []


def compile_patterns(kind: str, value: str) -> re.Pattern[str] | None:
    found = [p for p in patterns_for(kind, value) if p]
    if not found:
        return None
    # Longest first, so a full name wins over one of its parts at the same place.
    alternatives = "|".join(sorted(set(found), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# -- finding --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def find_spans(pattern: re.Pattern[str], original: str) -> Iterator[Span]:
    """Each place `pattern` matches `original`, as a span of the original text."""
    seen: set[tuple[int, int]] = set()
    for join in (True, False):
        folded = fold(original, join_hyphenated=join)
        for match in pattern.finditer(folded.text):
            start = folded.origin[match.start()]
            end = folded.origin[match.end() - 1] + 1
            if (start, end) not in seen:
                seen.add((start, end))
                yield Span(start, end)


def outermost(spans: list[Span]) -> list[Span]:
    """Drop spans that lie inside another one (a surname inside the full name)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if any(k.start <= span.start and span.end <= k.end for k in kept):
            continue
        kept.append(span)
    return kept


def excerpt(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def context(original: str, span: Span) -> tuple[str, str, str]:
    """The text either side of the span, cut at whole words: a word cut in half could be part of
    another identifier, and the context is shown to people who must not see one."""
    start, end = max(0, span.start - CONTEXT), span.end + CONTEXT
    before = original[start : span.start]
    if start > 0 and original[start - 1].isalnum():
        before = re.sub(r"^\w+", "", before)
    after = original[span.end : end]
    if end < len(original) and original[end].isalnum():
        after = re.sub(r"\w+$", "", after)
    return (
        excerpt(before).lstrip(),
        excerpt(original[span.start : span.end]),
        excerpt(after).rstrip(),
    )


def merge_adjacent(found: list[tuple[Span, int]], original: str) -> list[tuple[Span, int]]:
    """Join hits of one identifier separated only by spaces or punctuation ("Jamie Ellis-Thornton"
    found part by part is one hit), in the order they appear."""
    merged: list[tuple[Span, int]] = []
    for span, owner in sorted(found, key=lambda item: item[0].start):
        if merged:
            last, last_owner = merged[-1]
            gap = original[last.end : span.start]
            if owner == last_owner and len(gap) <= 3 and not any(c.isalnum() for c in gap):
                merged[-1] = (Span(last.start, max(last.end, span.end)), owner)
                continue
        merged.append((span, owner))
    return merged
