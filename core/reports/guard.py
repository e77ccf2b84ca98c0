"""The anonymisation guard: run every enabled `check_report` implementation over a final report,
keep what they found (encrypted), and let a board admin override one hit with a reason.

Unlike other hooks the guard fails closed: a check that raises, or a board with no check enabled,
blocks publication.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from core import db
from core.board.services import tenant_view
from core.db import utcnow
from core.plugin_api import GuardHit, IdentifierView
from core.plugins import tenant_plugins
from core.reports.models import GuardHitRecord, GuardOverride, ReportFile
from core.reports.pdf import PdfContent
from core.reviews.context import Actor, ReviewError, ReviewForbidden, review_view
from core.reviews.models import Review
from core.reviews.services import log_event
from core.tenancy.models import Tenant

MASK = "█"
METADATA_FIELDS = ("title", "author", "subject", "keywords", "creator", "producer")


def _label(field: str) -> str:
    return field[:1].upper() + field[1:]


@dataclass(frozen=True)
class HitView:
    """A hit as staff lists show it: where, what kind, the text around it with the match masked."""

    record: GuardHitRecord
    override: GuardOverride | None
    secrets: frozenset[str] = frozenset()

    @property
    def where(self) -> str:
        field = self.record.field
        if self.record.page is None:
            if field in METADATA_FIELDS:
                return f"PDF metadata ({field})"
            return "The whole file" if field in ("text", "unreadable") else _label(field)
        if field in ("text", "unreadable"):
            return f"Page {self.record.page}"
        return f"Page {self.record.page}, {field}"

    @property
    def masked_parts(self) -> tuple[str, str, str]:
        """The text around the hit, with the hit and any word of any other hit masked."""
        before = _mask_words(self.record.before, self.secrets)
        after = _mask_words(self.record.after, self.secrets)
        return f"…{before}", MASK * max(3, len(self.record.found)), f"{after}…"

    @property
    def masked(self) -> str:
        return " ".join(self.masked_parts)

    @property
    def resolved(self) -> bool:
        return self.override is not None


def run_guard(
    tenant: Tenant, review: Review, report: ReportFile, content: PdfContent
) -> list[HitView]:
    """Check `report` afresh and replace its stored hits; returns every hit, overridden or not."""
    hits = _findings(tenant, review, content)
    report.hits.clear()
    db.session.flush()
    occurrences: dict[tuple[object, ...], int] = {}
    for plugin, hit, overridable in hits:
        place = (plugin, hit.kind, hit.field, hit.page, hit.identifier_id, hit.found.casefold())
        occurrences[place] = occurrences.get(place, 0) + 1
        report.hits.append(
            GuardHitRecord(
                fingerprint=_fingerprint(report, place, occurrences[place]),
                source=plugin[:63],
                kind=hit.kind[:40],
                page=hit.page,
                field=hit.field[:40],
                message=hit.message[:300],
                overridable=overridable,
                found=hit.found[:500],
                before=hit.before[-200:],
                after=hit.after[:200],
            )
        )
    report.checked_at = utcnow()
    db.session.flush()
    return hit_views(report)


def _findings(
    tenant: Tenant, review: Review, content: PdfContent
) -> list[tuple[str, GuardHit, bool]]:
    """(plugin, hit, overridable) for everything every enabled check found, and for every part
    that could not be read; a check that failed and a board with no check are findings too."""
    identifiers = [IdentifierView(i.id, i.kind, i.value) for i in review.identifiers]
    answers = _ask_every_check(
        tenant,
        tenant=tenant_view(tenant, tenant.default_locale),
        review=review_view(tenant, review),
        text_pages=list(content.pages),
        metadata=dict(content.metadata),
        parts=list(content.parts),
        identifiers=identifiers,
    )
    hits: list[tuple[str, GuardHit, bool]] = []
    for page, reason in content.unreadable:
        unread = GuardHit(
            kind="unreadable",
            found="",
            page=page,
            field="unreadable",
            message=f"Not checked, so it cannot be published: {reason}."[:300],
        )
        hits.append(("core", unread, False))
    for plugin, result, error in answers:
        if error:
            failed = GuardHit(kind="check_failed", found="", message=f"The check failed: {error}")
            hits.append((plugin, failed, False))
            continue
        for hit in result or ():
            if isinstance(hit, GuardHit):
                hits.append((plugin, hit, True))
    if not answers:
        missing = GuardHit(
            kind="no_check",
            found="",
            message="No anonymisation check is enabled for this board; enable one to publish.",
        )
        hits.append(("core", missing, False))
    return hits


def check_copy(
    tenant: Tenant, review: Review, report: ReportFile, content: PdfContent
) -> list[str]:
    """Check the public copy made from `report`: every finding in it must be one a board admin
    accepted in the checked file. Returns what is wrong, in words for staff (empty: nothing)."""
    accepted = {(v.record.kind, _fold(v.record.found)) for v in hit_views(report) if v.resolved}
    problems = []
    for _plugin, hit, overridable in _findings(tenant, review, content):
        if overridable and (hit.kind, _fold(hit.found)) in accepted:
            continue
        where = "the whole file" if hit.page is None else f"page {hit.page}"
        problems.append(f"the public copy still has {hit.message or hit.kind} ({where})")
    return problems


def _ask_every_check(board: Tenant, **kwargs: Any) -> list[tuple[str, list[GuardHit] | None, str]]:
    """(plugin, result, error) from each enabled check: a failure is kept, not skipped."""
    return tenant_plugins(board).hooks.check_report(**kwargs)


def _fingerprint(report: ReportFile, place: tuple[object, ...], occurrence: int) -> str:
    # Stable across re-checks of the same file, so an override survives a re-run.
    text = "\x1f".join(str(p) for p in (report.sha256, *place, occurrence))
    return hashlib.sha256(text.encode()).hexdigest()


def hit_views(report: ReportFile) -> list[HitView]:
    overrides = {o.fingerprint: o for o in report.overrides}
    review = db.session.get(Review, report.review_id)
    stored = [i.value for i in review.identifiers] if review is not None else []
    # Every word of every hit and of every stored identifier is masked in the context shown.
    secrets = frozenset(
        [w for h in report.hits for w in _words(h.found) if len(w) >= 2]
        + [w for value in stored for w in _words(value) if len(w) >= 3]
    )
    return [
        HitView(h, overrides.get(h.fingerprint) if h.overridable else None, secrets)
        for h in report.hits
    ]


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[str]:
    return [_fold(w) for w in re.findall(r"\w+", text)]


def _mask_words(text: str, secrets: frozenset[str]) -> str:
    # Contexts are cut mid-word, so a word that begins or ends another hit is masked too.
    def mask(match: re.Match[str]) -> str:
        word = _fold(match.group(0))
        hidden = word in secrets or (
            len(word) >= 3 and any(s.startswith(word) or s.endswith(word) for s in secrets)
        )
        return MASK * len(match.group(0)) if hidden else match.group(0)

    return re.sub(r"\w+", mask, text)


def override(
    tenant: Tenant, actor: Actor, review: Review, report: ReportFile, hit_id: int, reason: str
) -> GuardOverride:
    """A board admin accepts one hit for publication, with a reason; audited, never the text."""
    if actor.role != "board_admin":
        raise ReviewForbidden("only a board admin can override the anonymisation check")
    hit = next((h for h in report.hits if h.id == hit_id), None)
    if hit is None or report.review_id != review.id:
        raise ReviewError({"hit": "The report has no such finding; check it again."})
    if not hit.overridable:
        raise ReviewError({"hit": "This finding cannot be overridden: " + hit.message})
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError({"reason": "Explain why this may be published."})
    if len(reason) > 2000:
        raise ReviewError({"reason": "The reason must be 2,000 characters or fewer."})
    existing = next((o for o in report.overrides if o.fingerprint == hit.fingerprint), None)
    if existing is not None:
        return existing
    made = GuardOverride(fingerprint=hit.fingerprint, reason=reason, by_id=actor.user_id)
    report.overrides.append(made)
    where = (hit.field if hit.page is None else f"page {hit.page}")[:40]
    log_event(
        review,
        actor,
        "guard_overridden",
        f"Anonymisation check: {hit.message} on {where} accepted for publication: {reason}",
        {"report_file": report.id, "hit": hit.fingerprint, "page": hit.page, "reason": reason},
    )
    return made
