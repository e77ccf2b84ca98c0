"""The built-in anonymisation guard: finds a review's protected identifiers (names and their
parts, addresses and postcodes, dates of birth as people write them, schools) in every part of a
report that carries text, whatever the case, accents, look-alike letters, abbreviations, spacing,
line breaks or hyphenation."""

from __future__ import annotations

from core.plugin_api import GuardHit, IdentifierView, ReviewView, TenantView, TextPart, hookimpl
from plugins.guard_identifiers.matching import (
    Span,
    compile_patterns,
    context,
    find_spans,
    merge_adjacent,
    outermost,
    phrase,
)

__version__ = "1.1.0"

KIND_NAMES = {
    "name": "a protected name",
    "address": "a protected address or postcode",
    "date_of_birth": "a protected date of birth",
    "school": "a protected school",
    "other": "a protected identifier",
}


def hits_in(
    text: str, page: int | None, field: str, identifiers: list[IdentifierView]
) -> list[GuardHit]:
    found: list[tuple[Span, int]] = []
    for index, identifier in enumerate(identifiers):
        pattern = compile_patterns(identifier.kind, identifier.value)
        if pattern is not None:
            found += [(span, index) for span in find_spans(pattern, text)]
    kept = outermost([span for span, _ in found])
    found = merge_adjacent([(s, i) for s, i in found if s in kept], text)
    hits = []
    for span, index in found:
        identifier = identifiers[index]
        before, match, after = context(text, span)
        hits.append(
            GuardHit(
                kind=identifier.kind,
                found=match,
                page=page,
                field=field,
                before=before,
                after=after,
                identifier_id=identifier.id,
                message=KIND_NAMES.get(identifier.kind, KIND_NAMES["other"]),
            )
        )
    return hits


@hookimpl
def check_report(
    tenant: TenantView,
    review: ReviewView,
    text_pages: list[str],
    metadata: dict[str, str],
    identifiers: list[IdentifierView],
    parts: list[TextPart],
) -> list[GuardHit]:
    hits = []
    for number, text in enumerate(text_pages, start=1):
        hits += hits_in(text, number, "text", identifiers)
    for name, value in metadata.items():
        hits += hits_in(value, None, name, identifiers)
    fallbacks = []
    for part in parts:
        found = hits_in(part.text, part.page, part.where, identifiers)
        (fallbacks if part.fallback else hits).extend(found)
    # A fallback part repeats other parts (every text operator, every string): a hit there counts
    # only where the same identifier, written the same way, was not found already.
    known = {(h.identifier_id, phrase(h.found)) for h in hits}
    for hit in fallbacks:
        if (hit.identifier_id, phrase(hit.found)) not in known:
            known.add((hit.identifier_id, phrase(hit.found)))
            hits.append(hit)
    return hits
