"""Fill a locale's easy-read translations (msgctxt "easy read") from a JSON object {english: text}.

    .venv/bin/python scripts/apply_easy_read_translations.py ur translations-ur.json

Only messages of the context "easy read" that the catalog already holds are touched (run
`make i18n-update` first); every other message is left as it is. A translation is refused, and
named, if it does not keep exactly the line's `{placeholders}` or its number of `**` (bold marks);
an empty one is skipped. Exits 1 if anything was refused or a JSON key names no easy-read message.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = "easy read"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def problem(english: str, translated: str) -> str | None:
    """Why `translated` cannot stand for `english`, or None if it can."""
    wanted, have = sorted(PLACEHOLDER.findall(english)), sorted(PLACEHOLDER.findall(translated))
    if wanted != have:
        return f"placeholders {have} instead of {wanted}"
    if english.count("**") != translated.count("**"):
        return f"{translated.count('**')} bold marks (**) instead of {english.count('**')}"
    return None


def apply(locale: str, translations: dict[str, str], catalog_path: Path) -> tuple[int, list[str]]:
    """Write the translations into the catalog; returns how many were set and what was refused."""
    with catalog_path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    refused: list[str] = []
    changed = 0
    for english, translated in translations.items():
        message = catalog.get(english, context=CONTEXT)
        if message is None:
            refused.append(f"{english!r}: no such easy-read message in the catalog")
            continue
        translated = translated.strip() if isinstance(translated, str) else ""
        if not translated:
            continue
        why = problem(english, translated)
        if why:
            refused.append(f"{english!r}: {why}: {translated!r}")
            continue
        if message.string != translated:
            message.string = translated
            changed += 1
    if changed:
        with catalog_path.open("wb") as fh:
            write_po(fh, catalog)
    return changed, refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locale", help="the catalog's locale, e.g. ur")
    parser.add_argument("json", type=Path, help="a JSON object {english line: translation}")
    parser.add_argument("--translations", type=Path, default=ROOT / "translations")
    args = parser.parse_args(argv)
    path = args.translations / args.locale / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        parser.error(f"no catalog at {path}")
    data = json.loads(args.json.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        parser.error(f"{args.json} does not hold a JSON object")
    changed, refused = apply(args.locale, data, path)
    print(f"{args.locale}: {changed} easy-read translations set, {len(refused)} refused")
    for line in refused:
        print("  " + line, file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
