"""What the easy-read leaflet says for each review framework, written as data (see `content.py`).

Plain English for families who find reading hard: short sentences, one idea a line, everyday words,
and a hard word explained where it is first used. One module per framework. Each line is a message
of the main catalogs (context "easy read"), translated there into every launch language.
"""

from __future__ import annotations

from typing import Literal

from core.plugin_api import TenantView

from ..content import EasyRead, FilledEasyRead, Gettext, fill, no_catalog
from .dardr import DARDR
from .generic import GENERIC
from .lcspr_2023 import LCSPR_2023
from .sar import SAR
from .scr_2015 import SCR_2015
from .wales_cpr import WALES_CPR
from .wales_susr import WALES_SUSR

BY_FRAMEWORK: dict[str, EasyRead] = {
    "scr-2015": SCR_2015,
    "lcspr-2023": LCSPR_2023,
    "wales-cpr": WALES_CPR,
    "sar": SAR,
    "dardr": DARDR,
    "wales-susr": WALES_SUSR,
}


def leaflet_for(tenant: TenantView) -> EasyRead:
    """The easy-read leaflet for a board's framework, or the generic one if we have none for it."""
    return BY_FRAMEWORK.get(tenant.framework, GENERIC)


def easy_read_for(
    tenant: TenantView,
    locale: str = "en",
    gettext: Gettext = no_catalog,
    direction: Literal["ltr", "rtl"] = "ltr",
) -> FilledEasyRead:
    """That leaflet filled in with the board's details, in `locale` with the board's `gettext`."""
    return fill(leaflet_for(tenant), tenant, locale, gettext, direction)


__all__ = ["BY_FRAMEWORK", "GENERIC", "easy_read_for", "leaflet_for"]
