"""The audit log in words for the people who read it: an action's name ("Signed in", not
`auth.signed_in`) and its details as labelled values ("Role: Board admin"), never raw keys or JSON.
The CSV export keeps the raw keys, for tools."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.audit.models import AuditEvent
from core.auth.models import ROLE_LABELS

ACTIONS = {
    "accessibility.reviewed": "Accessibility statement review date set",
    "auth.signed_in": "Signed in",
    "auth.signed_out": "Signed out",
    "auth.signed_out_everywhere": "Signed out on every device",
    "auth.sign_in_failed": "Sign-in failed",
    "auth.sign_in_locked": "Sign-in refused: account locked",
    "auth.sign_in_throttled": "Sign-in refused: too many attempts",
    "auth.reauthenticated": "Confirmed their password",
    "auth.reauthentication_failed": "Password confirmation failed",
    "auth.two_factor_enrolled": "Set up two-factor authentication",
    "auth.two_factor_failed": "Two-factor code refused",
    "account.password_changed": "Changed their password",
    "account.password_reset_sent": "Password reset sent",
    "account.two_factor_reset": "Two-factor authentication reset",
    "account.unlocked": "Account unlocked",
    "board.renamed": "Board renamed",
    "board.two_factor_required": "Two-factor required of everyone",
    "branding.saved": "Branding saved",
    "contact_request.handled": "Family's message marked as handled",
    "membership.granted": "Role given",
    "membership.invited": "Invited to the board",
    "membership.accepted": "Accepted an invitation",
    "membership.declined": "Declined an invitation",
    "people.added": "Person added",
    "people.invited": "Person invited",
    "people.role_changed": "Role changed",
    "people.reactivated": "Person reactivated",
    "people.deactivated": "Person deactivated",
    "people.unlocked": "Person's account unlocked",
    "people.two_factor_required": "Two-factor required of a person",
    "people.two_factor_reset": "Person's two-factor reset",
    "override.saved": "Text override saved",
    "override.removed": "Text override removed",
    "plugin.saved": "Plugin settings saved",
    "plugin.provisioned": "Plugin set up from the board's files",
    "plugin.rolled_back": "Plugin settings rolled back",
    "review.created": "Review opened",
    "review.viewed": "Review viewed",
    "review.stage_changed": "Review moved to another stage",
    "review.report_uploaded": "Report uploaded",
    "reviews.listed": "Reviews listed",
    "reviews.exported": "Reviews exported",
    "reviews.return_exported": "National return exported",
    "tenant.created": "Board created",
    "tenant.provisioned": "Board set up from its files",
    "tenant.ready": "Board made public",
    "token.created": "API token created",
    "token.revoked": "API token revoked",
}

DETAILS = {
    "role": "Role",
    "from": "From",
    "to": "To",
    "two_factor": "Two-factor",
    "report_file": "Report file",
    "sha256": "Fingerprint (SHA-256)",
    "changed": "Changed",
    "renamed": "Renamed",
    "name": "Name",
    "kind": "Kind",
    "transition": "Step",
}

_KEY = re.compile(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+")


def humanise(key: str) -> str:
    """`review.stage_changed` → "Review: stage changed"; `in_review` → "In review"."""
    parts = [p.replace("_", " ").replace("-", " ") for p in key.split(".") if p]
    if not parts:
        return key
    text = ": ".join(parts)
    return text[:1].upper() + text[1:]


def action_label(action: str) -> str:
    return ACTIONS.get(action) or humanise(action)


def _value(key: str, value: Any) -> str:
    if key == "role" and isinstance(value, str):
        return ROLE_LABELS.get(value, humanise(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None or value == "":
        return "–"
    if key == "sha256" and isinstance(value, str):
        return value[:12] + "…"
    if isinstance(value, list | tuple | set):
        return ", ".join(_value("", item) for item in value) or "none"
    if isinstance(value, Mapping):
        return "; ".join(f"{humanise(str(k))}: {_value(str(k), v)}" for k, v in value.items())
    if isinstance(value, str) and _KEY.fullmatch(value):
        return value.replace("_", " ").replace("-", " ")
    return str(value)


def details(event_details: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Each detail as (label, value), in a stable order."""
    return [
        (DETAILS.get(key) or humanise(key), _value(key, value))
        for key, value in sorted((event_details or {}).items())
    ]


@dataclass(frozen=True)
class Row:
    when: dt.datetime
    who: str
    action: str
    action_key: str
    target: str
    details: list[tuple[str, str]]


def rows(events: list[AuditEvent]) -> list[Row]:
    return [
        Row(
            when=e.created_at,
            who=e.actor_email or "",
            action=action_label(e.action),
            action_key=e.action,
            target=e.target,
            details=details(e.details),
        )
        for e in events
    ]
