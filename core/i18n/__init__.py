"""Languages: catalogs loaded once per process, a translator per board and locale with the board's
overrides on top, locale negotiation, and Babel formatting of dates and numbers."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations
from flask import Flask, g, has_request_context
from sqlalchemy import select

from core import caches, db
from core.config import REPO_ROOT
from core.document import RTL_LOCALES
from core.i18n.models import TextOverride

TRANSLATIONS_DIR = REPO_ROOT / "translations"


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RTL_LOCALES else "ltr"


LAUNCH_LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "English"),
    "cy": Language("cy", "Cymraeg", "Welsh"),
    "pl": Language("pl", "Polski", "Polish"),
    "ro": Language("ro", "Română", "Romanian"),
    "ur": Language("ur", "اردو", "Urdu"),
    "ar": Language("ar", "العربية", "Arabic"),
    "bn": Language("bn", "বাংলা", "Bengali"),
}


def _load_catalog(directory: Path, locale: str, domain: str) -> NullTranslations | None:
    """The compiled catalog if it is current, else the .po compiled in memory (never stale)."""
    base = directory / locale / "LC_MESSAGES"
    mo, po = base / f"{domain}.mo", base / f"{domain}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return Translations(fh, domain=domain)
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale, domain=domain)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return Translations(buffer, domain=domain)
    return None


class Catalogs:
    """Every catalog the platform has, loaded at start-up: the core's and each plugin's."""

    def __init__(self, app: Flask) -> None:
        from core.plugins import get_host

        self.core: dict[str, NullTranslations] = {}
        for locale in LAUNCH_LANGUAGES:
            catalog = _load_catalog(TRANSLATIONS_DIR, locale, "messages")
            if catalog is not None:
                self.core[locale] = catalog
        self.plugin: dict[tuple[str, str], NullTranslations] = {}
        self.plugin_languages: dict[tuple[str, str], Language] = {}
        for plugin, source in get_host(app).translations:
            catalog = _load_catalog(Path(source.directory), source.locale, source.domain)
            if catalog is None:
                raise RuntimeError(f"plugin {plugin!r} names a catalog that is not there: {source}")
            self.plugin[(plugin, source.locale)] = catalog
            if source.locale not in LAUNCH_LANGUAGES:
                self.plugin_languages[(plugin, source.locale)] = Language(
                    source.locale, source.native_name, source.native_name
                )
        self._translators: dict[tuple[int, int, str], Translator] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._translators.clear()

    def languages_for(self, enabled_plugins: Iterable[str]) -> dict[str, Language]:
        """Languages a board with these plugins enabled can offer."""
        enabled = set(enabled_plugins)
        found = {code: lang for code, lang in LAUNCH_LANGUAGES.items()}
        for (plugin, code), lang in self.plugin_languages.items():
            if plugin in enabled:
                found.setdefault(code, lang)
        return found

    def translator(self, tenant: Any, locale: str, enabled_plugins: Iterable[str]) -> Translator:
        key = (tenant.id, tenant.content_version, locale)
        cached = self._translators.get(key)
        if cached is not None:
            return cached
        enabled = set(enabled_plugins)
        chain: list[NullTranslations] = [
            cat
            for (plugin, code), cat in self.plugin.items()
            if code == locale and plugin in enabled
        ]
        if locale in self.core:
            chain.append(self.core[locale])
        rows = db.session.execute(
            select(TextOverride.msgid, TextOverride.msgstr).where(
                TextOverride.tenant_id == tenant.id, TextOverride.locale == locale
            )
        )
        overrides = {msgid: msgstr for msgid, msgstr in rows}
        translator = Translator(locale, chain, overrides)
        with self._lock:
            for old in [k for k in self._translators if k[0] == tenant.id and k != key]:
                if old[1] != tenant.content_version:
                    del self._translators[old]
            self._translators[key] = translator
        return translator


class Translator:
    """gettext for one board and locale: the board's overrides, then plugin catalogs, then the core."""

    def __init__(self, locale: str, chain: list[NullTranslations], overrides: dict[str, str]):
        self.locale = locale
        self.chain = chain
        self.overrides = overrides

    def gettext(self, message: str) -> str:
        if message in self.overrides:
            return self.overrides[message]
        for catalog in self.chain:
            translated = catalog.gettext(message)
            if translated != message:
                return translated
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = singular if n == 1 else plural
        if key in self.overrides:
            return self.overrides[key]
        for catalog in self.chain:
            translated = catalog.ngettext(singular, plural, n)
            if translated not in (singular, plural):
                return translated
        return singular if n == 1 else plural


IDENTITY = Translator("en", [], {})


def current_translator() -> Translator:
    if has_request_context():
        return g.get("translator") or IDENTITY
    return IDENTITY


def gettext(message: str, **variables: Any) -> str:
    text = current_translator().gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return current_translator().ngettext(singular, plural, num) % variables


def lazy_gettext(message: str, **variables: Any) -> LazyProxy:
    return LazyProxy(gettext, message, enable_cache=False, **variables)


def _jinja_gettext(message: str) -> str:
    # Jinja's new-style gettext escapes and interpolates the variables itself.
    return current_translator().gettext(message)


def _jinja_ngettext(singular: str, plural: str, num: int) -> str:
    return current_translator().ngettext(singular, plural, num)


def use_request_language(codes: Iterable[str], preferred: str | None = None) -> str:
    """Pages outside a board's own languages (the list of boards, error pages, a suspended board's
    page) speak the language in the URL if the platform has it, else the best of Accept-Language."""
    core = catalogs().core
    available = [code for code in codes if code in core or code == "en"] or ["en"]
    locale = preferred if preferred in available else None
    if locale is None and has_request_context():
        from flask import request

        locale = request.accept_languages.best_match(available)
    locale = locale or ("en" if "en" in available else available[0])
    g.translator = Translator(locale, [core[locale]] if locale in core else [], {})
    g.page_lang = locale
    return locale


def current_locale() -> str:
    return current_translator().locale


# Babel's plain `en` is American (November 26, 2026); boards in the UK write 26 November 2026.
FORMAT_LOCALES = {"en": "en_GB", "cy": "cy_GB"}


def _formatting_locale(locale: str | None) -> str:
    code = locale or current_locale()
    return FORMAT_LOCALES.get(code, code)


def format_date(value: Any, format: str = "long", locale: str | None = None) -> str:
    return dates.format_date(value, format=format, locale=_formatting_locale(locale))


def format_datetime(value: Any, format: str = "medium", locale: str | None = None) -> str:
    return dates.format_datetime(value, format=format, locale=_formatting_locale(locale))


def format_number(value: Any, locale: str | None = None) -> str:
    return numbers.format_decimal(value, locale=_formatting_locale(locale))


def babel_locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, LookupError):
        return Locale.parse("en")


catalogs = caches.AppCache[Catalogs]("candour.catalogs", Catalogs.clear)


def init_app(app: Flask) -> None:
    catalogs.keep(app, Catalogs(app))
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        _jinja_gettext, _jinja_ngettext, newstyle=True
    )
    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["format_datetime"] = format_datetime
    app.jinja_env.filters["format_number"] = format_number
