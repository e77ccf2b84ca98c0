"""Text overrides, the board's own wording over the catalogs: the one place they are checked, saved
and reverted — for the admin's screens and for provisioning from `tenants/*.toml` alike."""

from __future__ import annotations

import functools
import hashlib
import re

from babel.messages.pofile import read_po
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.field_errors import FieldErrors
from core.i18n import TRANSLATIONS_DIR, Language, catalogs
from core.i18n.models import TextOverride
from core.plugins import tenant_plugins
from core.plugins.services import touch
from core.tenancy.models import Tenant

MAX_OVERRIDE = 5000
_PLACEHOLDER = re.compile(r"%\([^)]*\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[diouxXeEfFgGcrsa]")


class LanguageError(FieldErrors):
    """A language or text-override change refused."""


def available(tenant: Tenant) -> dict[str, Language]:
    return catalogs().languages_for(tenant_plugins(tenant).enabled)


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


def overrides(locale: str) -> dict[str, TextOverride]:
    rows = db.session.scalars(select(TextOverride).where(TextOverride.locale == locale))
    return {row.msgid: row for row in rows}


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


def save_override(tenant: Tenant, locale: str, msgid: str, text: str) -> bool:
    """Put the board's wording over one catalog message in one locale. Refuses a message the
    catalogs do not have, a language the board cannot offer and wording that breaks a placeholder.
    Returns whether anything changed (the same wording again changes nothing)."""
    if msgid not in _template_messages():
        raise LanguageError({"text": "There is no such message"})
    if locale not in available(tenant):
        raise LanguageError({"locale": "Unknown language"})
    text = check_override(msgid, text)
    existing = overrides(locale).get(msgid)
    before = existing.msgstr if existing else None
    if before == text:
        return False
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
    return True


def revert_override(tenant: Tenant, locale: str, msgid: str) -> bool:
    """Drop the board's wording for one message in one locale; whether there was any."""
    existing = overrides(locale).get(msgid)
    if existing is None:
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
