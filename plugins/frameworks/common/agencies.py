"""The agencies that sit on a review panel: named in the reader's language, joined naturally."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from core.plugin_api import LeafletContext

from .i18n import Gettext, translators

# British English lists have no comma before "and"; CLDR's plain "en" has one.
_LIST_LOCALES = {"en": "en_GB"}


def agency_names(_: Gettext) -> dict[str, str]:
    """The translated name of every agency key a board may list on its panel."""
    return {
        "childrens-social-care": _("Children's Social Care"),
        "adult-social-care": _("Adult Social Care"),
        "health": _("Health"),
        "police": _("Police"),
        "education": _("Education"),
        "probation": _("Probation"),
        "housing": _("Housing"),
        "youth-justice": _("Youth Justice"),
    }


def agency_name(key: str, _: Gettext) -> str:
    """One agency's name; a key this platform does not know is shown as the board wrote it."""
    return agency_names(_).get(key, key)


def join_names(names: list[str], locale: str) -> str:
    """Join names as the locale writes a list ("A, B and C"), from the Unicode CLDR data."""
    if len(names) <= 1:
        return "".join(names)
    try:
        list_locale = Locale.parse(_LIST_LOCALES.get(locale, locale).replace("-", "_"))
        joined = format_list(names, locale=list_locale)
    except (UnknownLocaleError, ValueError):
        # A locale CLDR does not know: commas need no translation, a word for "and" would.
        return ", ".join(names)
    if list_locale.language == "cy":
        return _WELSH_AND.sub(_welsh_and, joined)
    return joined


# CLDR writes Welsh "and" as "a(c)": "ac" before a vowel, otherwise "a", which softens a following
# c, p or t into ch, ph or th (the aspirate mutation): "Addysg ac Iechyd", "Heddlu a Phrawf".
_WELSH_AND = re.compile(r"\ba\(c\) (\w)(\w?)")
_WELSH_VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúẁýàèìòùẃỳäëïöüẅÿ")
_ASPIRATE = {"c": "ch", "p": "ph", "t": "th"}


def _welsh_and(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    if first.lower() in _WELSH_VOWELS:
        return f"ac {first}{second}"
    mutated = _ASPIRATE.get(first.lower())
    if mutated and second.lower() != "h":
        first = mutated.capitalize() if first.isupper() else mutated
    return f"a {first}{second}"


def panel_agency_list(ctx: LeafletContext) -> str:
    """The board's panel agencies, translated and joined; empty when the board lists none."""
    _ = translators(ctx)[0]
    return join_names([agency_name(key, _) for key in ctx.tenant.panel_agencies], ctx.locale)
