"""A board's languages (offered, default, checked by a translator) and its text overrides: find a
message, see the catalog's text beside the board's own, preview, save and revert."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from babel.messages.pofile import read_po
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.i18n import TRANSLATIONS_DIR, Language, Translator, catalogs
from core.i18n.models import TextOverride
from core.plugins import tenant_plugins
from core.plugins.services import touch
from core.tenancy.models import Tenant

MAX_OVERRIDE = 5000
_PLACEHOLDER = re.compile(r"%\([^)]*\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[diouxXeEfFgGcrsa]")


class LanguageError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class MessageRow:
    key: str
    msgid: str
    catalog: str
    override: str | None


def available(tenant: Tenant) -> dict[str, Language]:
    return catalogs().languages_for(tenant_plugins(tenant).enabled)


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


# -- messages and overrides ------------------------------------------------------------------------


def message_key(msgid: str) -> str:
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:16]


@functools.cache
def _template_messages() -> tuple[str, ...]:
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as fh:
        catalog = read_po(fh)
    return tuple(sorted(m.id for m in catalog if m.id and isinstance(m.id, str)))


def messages() -> dict[str, str]:
    """Every overridable message (singular messages of the catalog template), by key."""
    return {message_key(m): m for m in _template_messages()}


def _plain(tenant: Tenant, locale: str) -> Translator:
    """The catalogs' own text for this board's plugins, without its overrides."""
    t = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)
    return Translator(locale, t.chain, {})


def overrides(locale: str) -> dict[str, TextOverride]:
    rows = db.session.scalars(select(TextOverride).where(TextOverride.locale == locale))
    return {row.msgid: row for row in rows}


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


def check_override(msgid: str, text: str) -> str:
    """The cleaned override, or `LanguageError` saying what is wrong with it."""
    text = text.strip().replace("\r\n", "\n")
    if not text:
        raise LanguageError({"text": "Enter the board's wording, or revert to the catalog's"})
    if len(text) > MAX_OVERRIDE:
        raise LanguageError({"text": f"The wording must be {MAX_OVERRIDE:,} characters or fewer"})
    if "\x00" in text:
        raise LanguageError({"text": "The wording contains a character that cannot be shown"})
    wanted, have = sorted(_PLACEHOLDER.findall(msgid)), sorted(_PLACEHOLDER.findall(text))
    if wanted != have:
        names = ", ".join(wanted) or "none"
        raise LanguageError(
            {
                "text": f"Keep the placeholders exactly as in the original ({names}): they are filled in"
            }
        )
    return text


def preview_translator(tenant: Tenant, locale: str, msgid: str, text: str) -> Translator:
    t = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)
    return Translator(locale, t.chain, {**t.overrides, msgid: text})


def save_override(tenant: Tenant, locale: str, key: str, text: str) -> None:
    msgid = messages().get(key)
    if msgid is None:
        raise LanguageError({"text": "There is no such message"})
    if locale not in available(tenant):
        raise LanguageError({"locale": "Unknown language"})
    text = check_override(msgid, text)
    existing = overrides(locale).get(msgid)
    before = existing.msgstr if existing else None
    if existing is None:
        db.session.add(TextOverride(tenant_id=tenant.id, locale=locale, msgid=msgid, msgstr=text))
    else:
        existing.msgstr = text
    record(
        "override.saved",
        f"{locale}: {msgid[:120]}",
        {"locale": locale, "msgid": msgid, "before": before, "after": text},
    )
    touch(tenant)
    catalogs().clear()


def revert_override(tenant: Tenant, locale: str, key: str) -> bool:
    msgid = messages().get(key)
    existing = overrides(locale).get(msgid) if msgid else None
    if existing is None or msgid is None:
        return False
    record(
        "override.reverted",
        f"{locale}: {msgid[:120]}",
        {"locale": locale, "msgid": msgid, "before": existing.msgstr},
    )
    db.session.delete(existing)
    touch(tenant)
    catalogs().clear()
    return True


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
