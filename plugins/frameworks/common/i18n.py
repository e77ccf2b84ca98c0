"""Translation functions for leaflet text: gettext and ngettext that fill named placeholders.

A board's text override or a translation can break a placeholder; the family's page must still
render, so a message that cannot be filled falls back to the English text rather than raising.
"""

from __future__ import annotations

import logging
from typing import Protocol

from core.plugin_api import LeafletContext

log = logging.getLogger(__name__)


class Gettext(Protocol):
    def __call__(self, message: str, /, **values: object) -> str: ...


class NGettext(Protocol):
    def __call__(self, singular: str, plural: str, num: int, /, **values: object) -> str: ...


def _fill(translated: str, english: str, values: dict[str, object], locale: str) -> str:
    if not values:
        return translated
    try:
        return translated % values
    except (KeyError, ValueError, TypeError):
        log.warning(
            "message %r in locale %s has broken placeholders; using English", english, locale
        )
        return english % values


def translators(ctx: LeafletContext) -> tuple[Gettext, NGettext]:
    """Return `(_, ngettext)` bound to the board's locale and overrides.

    Call them with a literal message (so extraction finds it) and the values of its placeholders:
    `_("%(board)s is ...", board=name)`, `ngettext("%(num)d month", "%(num)d months", n)`.
    """

    def gettext(message: str, /, **values: object) -> str:
        return _fill(ctx.gettext(message), message, values, ctx.locale)

    def ngettext(singular: str, plural: str, num: int, /, **values: object) -> str:
        values.setdefault("num", num)
        english = singular if num == 1 else plural
        return _fill(ctx.ngettext(singular, plural, num), english, values, ctx.locale)

    return gettext, ngettext
