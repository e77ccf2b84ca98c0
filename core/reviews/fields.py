"""The fields a framework declares beyond the core's own (`Framework.fields`), kept in
`Review.details`: reading them with their types, checking a new value, and naming any field as the
review's framework calls it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.framework_rules import DATE_FIELDS
from core.plugin_api import Framework, ReviewField
from core.reviews.models import Review


def framework_field(framework: Framework, name: str) -> ReviewField | None:
    return next((f for f in framework.fields if f.key == name), None)


def date_field_names(framework: Framework) -> frozenset[str]:
    """Every date a deadline may count from or an obligation be met by, in this framework."""
    return frozenset((*DATE_FIELDS, *(f.key for f in framework.fields if f.kind == "date")))


def detail_values(framework: Framework, review: Review) -> dict[str, Any]:
    """The framework's fields on this review, dates as dates; unset fields are None or ""."""
    stored = review.details or {}
    values: dict[str, Any] = {}
    for spec in framework.fields:
        raw = stored.get(spec.key)
        if spec.kind == "date":
            try:
                values[spec.key] = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
            except ValueError:
                values[spec.key] = None
        else:
            values[spec.key] = raw if isinstance(raw, str) else ""
    return values


def check_detail(spec: ReviewField, value: Any) -> tuple[Any, str | None]:
    """The value to store for `spec` (an ISO date, or stripped text) and what is wrong, if anything."""
    if spec.kind == "date":
        if value is None or value == "":
            return None, None
        if not isinstance(value, dt.date):
            return None, "Enter a real date."
        if not dt.date(1970, 1, 1) <= value <= dt.date(2100, 12, 31):
            return None, "Enter a date between 1970 and 2100."
        return value.isoformat(), None
    text = "" if value is None else str(value).strip()
    limit = 300 if spec.kind in ("text", "choice") else 10_000
    if len(text) > limit:
        return None, f"This must be {limit:,} characters or fewer."
    if spec.kind == "choice" and text and text not in {c for c, _ in spec.choices}:
        return None, "Choose one of: " + ", ".join(label for _, label in spec.choices) + "."
    return text, None


def set_detail(review: Review, name: str, stored: Any) -> bool:
    """Store one framework field; True when it changed. A new dict, so the change is tracked."""
    current = dict(review.details or {})
    if current.get(name) == stored or (stored in (None, "") and name not in current):
        return False
    if stored in (None, ""):
        current.pop(name, None)
    else:
        current[name] = stored
    review.details = current
    return True


def field_text(framework: Framework, name: str, label: str, hint: str) -> tuple[str, str]:
    """The label and hint of any field as this framework names it (the core's as a default)."""
    spec = framework_field(framework, name)
    if spec is not None:
        return spec.label, spec.hint
    return framework.field_text.get(name, (label, hint))
