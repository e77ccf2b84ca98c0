"""The merged chronology as a PDF, through the formats pipeline: staff ask for it, the worker
renders it with the board's PDF format (the same plugin, branding and fonts as the leaflet's) and
keeps it privately in the board's store, named by the entries it shows, so a chronology that
changes is rendered again and one that does not is never rendered twice."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.board.services import branding_for, tenant_view
from core.casework import queries
from core.casework.models import ChronologyEntry
from core.document import BulletList, Document, Paragraph, Section
from core.jobs import after_commit
from core.plugin_api import Format, RenderContext, StorageError, StoredObject
from core.plugins import get_host, tenant_plugins
from core.reviews.context import Actor
from core.reviews.models import Review
from core.storage import storage_for
from core.tenancy.models import Tenant

FORMAT_KEY = "pdf"
MEDIA_TYPE = "application/pdf"


def document(tenant: Tenant, review: Review) -> Document:
    """The merged chronology as a document: a section per month, an entry per line, oldest first."""
    sections: list[Section] = []
    month: tuple[int, int] | None = None
    items: list[Paragraph] = []

    def close() -> None:
        if month is not None:
            heading = dt.date(month[0], month[1], 1).strftime("%B %Y")
            sections.append(
                Section(f"m-{month[0]}-{month[1]:02d}", heading, (BulletList(tuple(items)),))
            )

    for line in queries.merged_chronology(review):
        key = (line.occurred_on.year, line.occurred_on.month)
        if key != month:
            close()
            month, items = key, []
        named = f" ({line.named})" if line.named and line.named != line.agency else ""
        source = f" Source: {line.source}." if line.source else ""
        items.append(
            Paragraph.of(
                f"{line.occurred_on.strftime('%-d %B %Y')}, {line.agency}{named}: {line.event}{source}"
            )
        )
    close()
    if not sections:
        sections.append(
            Section("none", "No entries", (Paragraph.of("No agency has sent a chronology yet."),))
        )
    return Document(
        title=f"Merged chronology, review {review.reference}",
        locale="en",
        board_name=tenant.name,
        sections=tuple(sections),
        summary="Every agency's chronology for the review, merged by date. Confidential.",
        language_name="English",
    )


def pdf_format() -> tuple[str, Format] | None:
    return get_host().formats.get(FORMAT_KEY)


def key_for(tenant: Tenant, review: Review) -> str:
    """Where the PDF of the chronology as it is now is kept. Entries are never changed once read
    from a return (only added, or removed with it), so their ids say what the PDF shows; reading
    them is cheap, unlike decrypting every entry."""
    ids = db.session.scalars(
        select(ChronologyEntry.id)
        .where(ChronologyEntry.review_id == review.id)
        .order_by(ChronologyEntry.id)
    )
    seen = hashlib.sha256(f"{tenant.name}\n{review.reference}\n".encode())
    seen.update(",".join(str(i) for i in ids).encode())
    return f"casework/chronology/{review.id}/{seen.hexdigest()[:32]}.pdf"


def stored(tenant: Tenant, review: Review) -> StoredObject | None:
    """The PDF of the chronology as it is now, if it has been rendered."""
    try:
        return storage_for(tenant).stat(key_for(tenant, review))
    except StorageError:
        return None


def ask(tenant: Tenant, actor: Actor, review: Review) -> None:
    """Queue the render (after the commit); the caller has checked the actor may see the review."""
    record("casework.chronology_pdf_asked", f"review:{review.id}", {}, actor=actor.user)
    after_commit("casework.chronology_pdf", tenant.id, review.id)


def render(tenant_id: int, review_id: int) -> bool:
    """In the worker: render and store the PDF unless it is already there. Returns whether it rendered."""
    with db.all_tenants():
        tenant = db.session.get(Tenant, tenant_id)
    if tenant is None:
        return False
    with db.tenant_scope(tenant.id):
        review = db.session.get(Review, review_id)
        if review is None:
            return False
        key = key_for(tenant, review)
        store = storage_for(tenant)
        if store.stat(key) is not None:
            return False
        doc = document(tenant, review)
        found = pdf_format()
        if found is None:
            raise RuntimeError("no PDF format is installed")
        plugin, fmt = found
        context = RenderContext(
            branding=branding_for(tenant, "en"),
            tenant=tenant_view(tenant, "en"),
            settings=tenant_plugins(tenant).settings.get(plugin, {}),
        )
    db.session.commit()  # the job's own reading ends: no database lock is held while it renders
    data = fmt.render(doc, context)
    store.put(key, bytes(data), MEDIA_TYPE, {"review": str(review_id), "format": FORMAT_KEY})
    return True
