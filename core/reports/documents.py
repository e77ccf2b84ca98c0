"""What a review's stored documents (its report files, its letters to families) share: they are
listed newest first, and one is found by its id only as the review's own."""

from __future__ import annotations

from typing import Any, TypeVar

from core import db
from core.reviews.models import Review

# Any model with `id`, `tenant_id`, `review_id` and `created_at` columns.
Document = TypeVar("Document")


def documents_of(model: type[Document], review: Review) -> list[Document]:
    """The review's documents of one kind, newest first."""
    kind: Any = model
    return db.rows(
        model,
        kind.review_id == review.id,
        order_by=(kind.created_at.desc(), kind.id.desc()),
    )


def document_of(model: type[Document], review: Review, document_id: int) -> Document | None:
    """The review's document `document_id` of one kind, or None if it is not the review's."""
    found: Any = db.session.get(model, document_id)
    # `get` may return a row already in the session from another board's work: check both.
    if found is None or found.review_id != review.id or found.tenant_id != review.tenant_id:
        return None
    return found
