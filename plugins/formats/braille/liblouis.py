"""Translation to braille with liblouis's `lou_translate` binary, one leaflet line per input line.

We call the binary rather than the Python bindings: Debian builds those for its own Python, not for
the project's virtual environment. A display table ahead of the translation table makes liblouis
write North American braille ASCII, the character set of `.brf` files.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

LOU_TRANSLATE = "lou_translate"
DISPLAY_TABLE = "en-us-brf.dis"
OUR_TABLES = Path(__file__).with_name("tables")
SYSTEM_TABLE_DIRS = ("/usr/share/liblouis/tables", "/usr/local/share/liblouis/tables")

# Checked against real text in each language (tests/formats/test_braille.py).
TABLES: dict[str, str] = {
    "en": "en-ueb-g2.ctb",
    "cy": "cy-cy-g2.ctb",
    "pl": "Pl-Pl-g1.utb",
    "ro": "candour-ro.ctb",
    "ur": "candour-ur.ctb",
    "ar": "ar-ar-g2.ctb",
    "bn": "candour-bn.ctb",
}

# Characters a table does not define come out as '\x09BC'-style escapes; through the display table
# their hex digits are themselves written as braille letters (0-9 as J, A-I), e.g. '\XJJBH' for "(".
UNDEFINED = re.compile(r"'?\\X[0-9A-J]{4}'?")
NOT_BRAILLE_ASCII = re.compile(r"[^\x20-\x5f]")
# Some tables write a few signs as 8-dot cells (U+2800 + dot bits); a 6-dot page drops dots 7 and 8.
UNICODE_BRAILLE = re.compile("[\u2800-\u28ff]")
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="

# Addresses are written uncontracted, so they can be typed back letter for letter.
ADDRESS_TABLES: dict[str, str] = {
    **TABLES,
    "en": "en-ueb-g1.ctb",
    "cy": "cy-cy-g1.utb",
    "ar": "ar-ar-g1.utb",
}

# Typographic punctuation that only the UEB table knows; other tables get the ASCII equivalent.
PLAIN_PUNCTUATION = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)


def table_path() -> str:
    dirs = [str(OUR_TABLES)]
    dirs += [d for d in os.environ.get("LOUIS_TABLEPATH", "").split(",") if d]
    dirs += [d for d in SYSTEM_TABLE_DIRS if Path(d).is_dir()]
    return ",".join(dirs)


def table_for(locale: str, *, addresses: bool = False) -> str | None:
    return (ADDRESS_TABLES if addresses else TABLES).get(locale.split("-")[0].lower())


def unavailable_reason() -> str | None:
    """None when `lou_translate` and its tables are installed, else what the operator should fix."""
    if shutil.which(LOU_TRANSLATE) is None:
        return "lou_translate is not installed (Debian package liblouis-bin)"
    if not any(Path(d, "en-ueb-g2.ctb").is_file() for d in table_path().split(",")):
        return "liblouis braille tables are not installed (Debian package liblouis-data)"
    return None


def translate_lines(
    lines: list[str], locale: str, *, backward: bool = False, addresses: bool = False
) -> list[str]:
    """Translate each line to braille ASCII (or back to print, with `backward`), line for line.

    `addresses` picks the locale's uncontracted table, for web and e-mail addresses."""
    if not lines:
        return []
    table = table_for(locale, addresses=addresses)
    if table is None:
        raise ValueError(f"no braille table for locale {locale!r}")
    if not backward and not table.startswith("en-"):
        lines = [line.translate(PLAIN_PUNCTUATION) for line in lines]
    source = "\n".join(" ".join(line.split()) or " " for line in lines) + "\n"
    result = subprocess.run(
        [LOU_TRANSLATE, "--backward" if backward else "--forward", f"{DISPLAY_TABLE},{table}"],
        input=source.encode("utf-8"),
        capture_output=True,
        env={**os.environ, "LOUIS_TABLEPATH": table_path()},
        check=True,
        timeout=60,
    )
    output = result.stdout.decode("utf-8").split("\n")[: len(lines)]
    if len(output) != len(lines):
        raise RuntimeError(f"lou_translate returned {len(output)} lines for {len(lines)}")
    if backward:
        return output
    return [clean(line, locale) for line in output]


def clean(line: str, locale: str) -> str:
    """Drop what a braille reader could not read: escapes for characters the table lacks."""
    six_dot = UNICODE_BRAILLE.sub(lambda m: BRAILLE_ASCII[(ord(m[0]) - 0x2800) & 0x3F], line)
    cleaned = NOT_BRAILLE_ASCII.sub("", UNDEFINED.sub("", six_dot))
    if cleaned != six_dot:
        log.warning("braille table for %s lacks characters in %r", locale, line[:60])
    return cleaned
