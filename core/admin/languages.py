"""A board's languages (offered, default, checked by a translator) and the text-override screens: find a
message, see the catalog's text beside the board's own, preview. Overrides are saved and reverted by
`core.i18n.services`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from core.audit.services import record
from core.i18n import Translator, catalogs
from core.i18n.services import LanguageError, available, messages, overrides
from core.plugins import tenant_plugins
from core.plugins.services import touch
from core.tenancy.models import Tenant


@dataclass(frozen=True)
class MessageRow:
    key: str
    msgid: str
    catalog: str
    override: str | None


def save_languages(tenant: Tenant, locales: list[str], default: str, checked: list[str]) -> None:
    known = available(tenant)
    errors = {}
    unknown = [c for c in locales + checked + [default] if c not in known]
    if unknown:
        errors["locales"] = "Unknown language: " + ", ".join(sorted(set(unknown)))[:200]
    elif not locales:
        errors["locales"] = "Offer at least one language"
    elif default not in locales:
        errors["default_locale"] = "The default language must be one the board offers"
    if errors:
        raise LanguageError(errors)
    ordered = [default] + [c for c in known if c in locales and c != default]
    before = {"locales": list(tenant.locales), "default": tenant.default_locale}
    tenant.locales = ordered
    tenant.default_locale = default
    tenant.translation_checked = [c for c in known if c in checked]
    record(
        "languages.saved",
        tenant.slug,
        {
            "before": before,
            "locales": ordered,
            "default": default,
            "checked": tenant.translation_checked,
        },
    )
    touch(tenant)


def set_accessibility_reviewed(tenant: Tenant, raw: str, today: dt.date) -> dt.date:
    """Record the day the board reviewed its accessibility statement, which the statement gives."""
    raw = raw.strip()
    try:
        day = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        day = None
        problem = "Enter a date like 2026-12-01"
    else:
        problem = "Enter the date the statement was reviewed" if day is None else ""
    if day is not None and day > today:
        problem = "The review date cannot be in the future"
    if problem or day is None:
        raise LanguageError({"accessibility_reviewed_on": problem})
    before = tenant.accessibility_reviewed_on
    tenant.accessibility_reviewed_on = day
    record(
        "accessibility.reviewed",
        tenant.slug,
        {"on": day.isoformat(), "before": before.isoformat() if before else None},
    )
    touch(tenant)
    return day


# -- messages and overrides ------------------------------------------------------------------------


def _plain(tenant: Tenant, locale: str) -> Translator:
    """The catalogs' own text for this board's plugins, without its overrides."""
    t = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)
    return Translator(locale, t.chain, {})


def search(tenant: Tenant, locale: str, query: str, limit: int = 50) -> list[MessageRow]:
    plain = _plain(tenant, locale)
    current = overrides(locale)
    q = query.strip().lower()
    found = []
    for key, msgid in messages().items():
        text = plain.gettext(msgid)
        override = current[msgid].msgstr if msgid in current else None
        haystack = f"{msgid}\n{text}\n{override or ''}".lower()
        if q and q not in haystack:
            continue
        if not q and override is None:
            continue  # with no search, list what the board has changed
        found.append(MessageRow(key, msgid, text, override))
    found.sort(key=lambda r: (r.override is None, r.msgid.lower()))
    return found[:limit]


def row(tenant: Tenant, locale: str, key: str) -> MessageRow | None:
    msgid = messages().get(key)
    if msgid is None:
        return None
    current = overrides(locale).get(msgid)
    return MessageRow(
        key, msgid, _plain(tenant, locale).gettext(msgid), current.msgstr if current else None
    )


def preview_translator(tenant: Tenant, locale: str, msgid: str, text: str) -> Translator:
    t = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)
    return Translator(locale, t.chain, {**t.overrides, msgid: text})


def translation_status(tenant: Tenant) -> list[dict[str, Any]]:
    langs = available(tenant)
    return [
        {
            "language": lang,
            "offered": code in tenant.locales,
            "default": code == tenant.default_locale,
            "checked": code in tenant.translation_checked,
            "overrides": len(overrides(code)),
        }
        for code, lang in langs.items()
    ]
