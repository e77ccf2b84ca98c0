"""Per-locale facts every format needs: the font for the script, its direction, its language codes.

Fonts are named per locale rather than left to fallback, because fallback picks a Naskh or Kufi face
for Urdu, which Urdu readers find foreign: Urdu is written in Nastaliq.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """How one locale's text is set: faces for print and for clear print, and its language tags."""

    font: str
    clear_print_font: str
    rtl: bool
    bcp47: str  # for HTML lang and Word's w:lang
    iso639_2: str  # for ID3 TLAN (terminology codes)
    line_height: float = 1.45  # Nastaliq stacks letters diagonally and needs more room


LATIN = Script("Noto Sans", "Noto Sans", False, "en-GB", "eng")

SCRIPTS: dict[str, Script] = {
    "en": LATIN,
    "cy": Script("Noto Sans", "Noto Sans", False, "cy-GB", "cym"),
    "pl": Script("Noto Sans", "Noto Sans", False, "pl-PL", "pol"),
    "ro": Script("Noto Sans", "Noto Sans", False, "ro-RO", "ron"),
    "ur": Script("Noto Nastaliq Urdu", "Noto Nastaliq Urdu", True, "ur-PK", "urd", line_height=2.1),
    "ar": Script("Noto Naskh Arabic", "Noto Sans Arabic", True, "ar-SA", "ara", line_height=1.7),
    "bn": Script("Noto Sans Bengali", "Noto Sans Bengali", False, "bn-BD", "ben", line_height=1.6),
}


def script_for(locale: str) -> Script:
    """The script settings for a locale such as `ur` or `cy-GB`; Latin settings when unknown."""
    return SCRIPTS.get(locale.split("-")[0].split("_")[0].lower(), LATIN)


def font_stack(locale: str, *, clear_print: bool = False) -> str:
    """A CSS font-family list: the locale's face, then Noto Sans for Latin in it (URLs, names)."""
    script = script_for(locale)
    first = script.clear_print_font if clear_print else script.font
    faces = [first] if first == "Noto Sans" else [first, "Noto Sans"]
    return ", ".join(f'"{face}"' for face in faces) + ", sans-serif"
