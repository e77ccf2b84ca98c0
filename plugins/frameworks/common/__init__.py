"""Text helpers the built-in review frameworks share: translation, agencies, contact, formats.

A plain package, not a plugin: the framework plugins import it; it registers no hooks of its own.
"""

from .agencies import agency_name, agency_names, join_names, panel_agency_list
from .contact import contact_block, contact_paragraphs, formats_section
from .help import HELP_SETTINGS, help_section
from .i18n import Gettext, NGettext, translators
from .links import guidance_paragraphs, more_info_paragraph, url_text
from .shared import (
    anonymised,
    copy_of_report,
    longer_if_needed,
    not_to_blame,
    nothing_to_do,
    police_section,
    target_time,
    told_before_publication,
)

__all__ = [
    "HELP_SETTINGS",
    "Gettext",
    "NGettext",
    "agency_name",
    "agency_names",
    "anonymised",
    "contact_block",
    "contact_paragraphs",
    "copy_of_report",
    "formats_section",
    "guidance_paragraphs",
    "help_section",
    "join_names",
    "longer_if_needed",
    "more_info_paragraph",
    "not_to_blame",
    "nothing_to_do",
    "panel_agency_list",
    "police_section",
    "target_time",
    "told_before_publication",
    "translators",
    "url_text",
]
