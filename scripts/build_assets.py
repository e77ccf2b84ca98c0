"""Build the web fonts and finish the stylesheets for `make assets`.

`fonts`: each script's Noto face from Debian, cut to that script's characters and sent as WOFF2, plus
a tiny face per language-switcher label (just the letters of "اردو", "العربية", "বাংলা"), so a page
loads only its own script's font; writes the @font-face rules to `vendor/_fonts.scss` for Sass.
`finish`: give every built file a content hash in its name (served with a year's immutable cache),
write `vendor/manifest.json` (logical name -> fingerprinted name) and precompress text files (.gz, .br).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sys
from pathlib import Path

import brotli
from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "core" / "static" / "vendor"
NOTO = Path("/usr/share/fonts/truetype/noto")

ARABIC = "U+0600-06FF, U+0750-077F, U+0870-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F"
BENGALI = "U+0951-0952, U+0964-0965, U+0980-09FF, U+200C-200D, U+25CC"
# (family, source file, weight, unicode-range, size-adjust)
FACES = [
    ("Candour Nastaliq", "NotoNastaliqUrdu-Regular", "normal", ARABIC, "118%"),
    ("Candour Naskh", "NotoNaskhArabic-Regular", "normal", ARABIC, ""),
    ("Candour Naskh", "NotoNaskhArabic-Bold", "bold", ARABIC, ""),
    ("Candour Bengali", "NotoSansBengali-Regular", "normal", BENGALI, ""),
    ("Candour Bengali", "NotoSansBengali-Bold", "bold", BENGALI, ""),
]
# The language switcher names each language in itself: these faces hold only those letters.
LABELS = [
    ("Candour Label Urdu", "NotoNastaliqUrdu-Regular", "اردو"),
    ("Candour Label Arabic", "NotoNaskhArabic-Regular", "العربية"),
    ("Candour Label Bengali", "NotoSansBengali-Regular", "বাংলা"),
]
TEXT_SUFFIXES = {".css", ".js", ".svg", ".json", ".txt", ".map"}


def _codepoints(ranges: str) -> list[int]:
    points: list[int] = []
    for part in ranges.split(","):
        span = part.strip().removeprefix("U+")
        low, _, high = span.partition("-")
        points.extend(range(int(low, 16), int(high or low, 16) + 1))
    return points


def _woff2(source: str, *, unicodes: list[int] | None = None, text: str = "") -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    font = subset.load_font(str(NOTO / f"{source}.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes or [], text=text)
    subsetter.subset(font)
    out = VENDOR / "fonts" / "tmp.woff2"
    subset.save_font(font, str(out), options)
    data = out.read_bytes()
    out.unlink()
    return data


def _fingerprinted(relative: str, data: bytes) -> str:
    path = Path(relative)
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = f"{path.stem}.{digest}{path.suffix}"
    target = VENDOR / path.parent / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return str(path.parent / name)


def fonts() -> None:
    (VENDOR / "fonts").mkdir(parents=True, exist_ok=True)
    for old in (VENDOR / "fonts").glob("*"):
        old.unlink()
    rules = ["// Written by scripts/build_assets.py: do not edit."]
    names: dict[str, str] = {}
    for family, source, weight, ranges, size_adjust in FACES:
        name = _fingerprinted(f"fonts/{source}.woff2", _woff2(source, unicodes=_codepoints(ranges)))
        names[f"fonts/{source}.woff2"] = name
        local = source.replace("-Regular", "").replace("-", " ")
        local = " ".join(_split_camel(local))
        rules.append(
            "@font-face {"
            f' font-family: "{family}"; font-weight: {weight}; font-display: swap;'
            f' src: local("{local}"), url("{name}") format("woff2");'
            f" unicode-range: {ranges};"
            + (f" size-adjust: {size_adjust};" if size_adjust else "")
            + " }"
        )
    for family, source, text in LABELS:
        name = _fingerprinted(f"fonts/{source}-label.woff2", _woff2(source, text=text))
        names[f"fonts/{source}-label.woff2"] = name
        rules.append(
            "@font-face {"
            f' font-family: "{family}"; font-display: swap; src: url("{name}") format("woff2"); }}'
        )
    (VENDOR / "_fonts.scss").write_text("\n".join(rules) + "\n")
    (VENDOR / "fonts" / "fonts.json").write_text(json.dumps(names, indent=1, sort_keys=True) + "\n")


def _split_camel(text: str) -> list[str]:
    words = []
    for word in text.split():
        current = ""
        for ch in word:
            if ch.isupper() and current and not current[-1].isupper():
                words.append(current)
                current = ch
            else:
                current += ch
        words.append(current)
    return words


def finish() -> None:
    manifest: dict[str, str] = {}
    for css in sorted((VENDOR / "build").glob("*.css")):
        manifest[css.name] = _fingerprinted(css.name, css.read_bytes())
    manifest.update(json.loads((VENDOR / "fonts" / "fonts.json").read_text()))
    for extra in ("favicon.svg",):
        source = ROOT / "core" / "static" / "src" / extra
        manifest[extra] = _fingerprinted(extra, source.read_bytes())
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    shutil.rmtree(VENDOR / "build")
    (VENDOR / "candour-full.css").unlink()
    for path in VENDOR.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


if __name__ == "__main__":
    {"fonts": fonts, "finish": finish}[sys.argv[1]]()
