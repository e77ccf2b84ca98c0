"""Text as a PDF's content streams show it: every text operator of a page or form (visible or not,
inside the page or outside it), decoded through the font's ToUnicode map or simple encoding, with
the ActualText, Alt and E entries of marked content; and how much of the page images cover."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pikepdf

MAX_FORM_DEPTH = 12
MAX_OPERATORS = 2_000_000
LINE_MOVES = frozenset({"Td", "TD", "T*", "Tm", "'", '"', "ET", "BT"})
SHOWS = frozenset({"Tj", "TJ", "'", '"'})
# Glyph names a simple font's /Differences commonly use, beyond single letters and uniXXXX.
GLYPHS = {
    "space": " ", "hyphen": "-", "period": ".", "comma": ",", "quoteright": "’",
    "quoteleft": "‘", "ampersand": "&", "slash": "/", "colon": ":", "semicolon": ";",
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "parenleft": "(", "parenright": ")",
}  # fmt: skip


class TooComplex(ValueError):
    """The content streams are too large or nested too deeply to read in full."""


@dataclass
class PageText:
    """What a page's content streams say, and how much of the page images cover (0 to 1+)."""

    text: str = ""
    alternates: list[str] = field(default_factory=list)
    image_cover: float = 0.0
    undecodable: int = 0


@dataclass
class _State:
    out: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)
    image_area: float = 0.0
    undecodable: int = 0
    operators: int = 0


class Font:
    """Decodes the bytes a text operator shows into Unicode, as well as the font allows."""

    def __init__(self, font: Any) -> None:
        self.two_byte = False
        self.cmap: dict[bytes, str] = {}
        self.simple: dict[int, str] = {}
        self.decodable = True
        if not isinstance(font, pikepdf.Dictionary):
            return
        subtype = str(font.get("/Subtype", ""))
        self.two_byte = subtype == "/Type0"
        to_unicode = font.get("/ToUnicode")
        if isinstance(to_unicode, pikepdf.Stream):
            try:
                self.cmap, lengths = parse_cmap(to_unicode.read_bytes())
            except Exception:
                self.cmap, lengths = {}, set()
            if lengths:
                self.two_byte = 2 in lengths and 1 not in lengths
        if not self.cmap:
            if self.two_byte:
                self.decodable = False
            else:
                self.simple = _simple_encoding(font)

    def decode(self, data: bytes) -> str:
        if self.cmap:
            step = 2 if self.two_byte else 1
            return "".join(
                self.cmap.get(data[i : i + step], "") for i in range(0, len(data) - step + 1, step)
            )
        if not self.decodable:
            return ""
        return "".join(self.simple.get(b, chr(b)) for b in data)


def parse_cmap(data: bytes) -> tuple[dict[bytes, str], set[int]]:
    """The bfchar and bfrange entries of a ToUnicode CMap, and the code lengths it uses."""
    text = data.decode("latin-1")
    mapping: dict[bytes, str] = {}
    lengths: set[int] = set()
    for block in re.findall(r"begincodespacerange(.*?)endcodespacerange", text, re.S):
        for low in re.findall(r"<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>", block):
            lengths.add(len(low) // 2)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[bytes.fromhex(src)] = _utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block
        ):
            start, end, width = int(low, 16), int(high, 16), len(low) // 2
            if end - start > 65535:
                continue
            if dst.startswith("["):
                targets = re.findall(r"<([0-9A-Fa-f]*)>", dst)
                for offset, target in enumerate(targets[: end - start + 1]):
                    mapping[(start + offset).to_bytes(width, "big")] = _utf16(target)
            else:
                base = bytes.fromhex(dst[1:-1])
                for offset in range(end - start + 1):
                    code = (start + offset).to_bytes(width, "big")
                    last = int.from_bytes(base[-2:] or b"\0", "big") + offset
                    mapping[code] = _utf16((base[:-2] + last.to_bytes(2, "big")).hex())
    if not lengths and mapping:
        lengths = {len(k) for k in mapping}
    return mapping, lengths


def _utf16(hex_text: str) -> str:
    raw = bytes.fromhex(hex_text)
    if len(raw) % 2:
        raw = b"\0" + raw
    return raw.decode("utf-16-be", "ignore")


def _simple_encoding(font: pikepdf.Dictionary) -> dict[int, str]:
    encoding = font.get("/Encoding")
    base = "cp1252"
    differences: Any = None
    if isinstance(encoding, pikepdf.Dictionary):
        differences = encoding.get("/Differences")
        encoding = encoding.get("/BaseEncoding")
    if str(encoding or "") == "/MacRomanEncoding":
        base = "mac_roman"
    table = {b: bytes([b]).decode(base, "replace") for b in range(256)}
    if isinstance(differences, pikepdf.Array):
        code = 0
        for item in differences:
            if isinstance(item, int):
                code = item
            elif isinstance(item, pikepdf.Name):
                table[code % 256] = glyph_text(str(item)[1:])
                code += 1
    return table


def glyph_text(name: str) -> str:
    base = name.split(".", 1)[0]
    if len(base) == 1:
        return base
    if re.fullmatch(r"uni[0-9A-Fa-f]{4,}", base):
        return _utf16(base[3:])
    if re.fullmatch(r"u[0-9A-Fa-f]{4,6}", base):
        return chr(int(base[1:], 16))
    return GLYPHS.get(base, "")


def read_stream_text(owner: Any, resources: Any) -> PageText:
    """Read a page (or a form XObject, such as an annotation's appearance)."""
    state = _State()
    _walk(owner, resources, state, depth=0, ctm=(1.0, 0.0, 0.0, 1.0, 0.0, 0.0), seen=set())
    return PageText(
        text="".join(state.out),
        alternates=state.alternates,
        image_cover=state.image_area,
        undecodable=state.undecodable,
    )


Matrix = tuple[float, float, float, float, float, float]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _lookup(resources: Any, kind: str, name: Any) -> Any:
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    group = resources.get(kind)
    if not isinstance(group, pikepdf.Dictionary):
        return None
    return group.get(str(name))


def _walk(
    owner: Any,
    resources: Any,
    state: _State,
    depth: int,
    ctm: Matrix,
    seen: set[tuple[int, int]],
) -> None:
    if depth > MAX_FORM_DEPTH:
        raise TooComplex("forms nested too deeply")
    try:
        instructions = pikepdf.parse_content_stream(owner)
    except pikepdf.PdfError as exc:
        raise TooComplex(f"a content stream cannot be parsed ({exc})") from exc
    fonts: dict[str, Font] = {}
    font: Font | None = None
    stack: list[Matrix] = []
    for instruction in instructions:
        state.operators += 1
        if state.operators > MAX_OPERATORS:
            raise TooComplex("too many drawing operators")
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            state.image_area += abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])
            continue
        operands, operator = instruction.operands, str(instruction.operator)
        if operator == "q":
            stack.append(ctm)
        elif operator == "Q":
            ctm = stack.pop() if stack else ctm
        elif operator == "cm" and len(operands) == 6:
            ctm = _multiply(tuple(float(x) for x in operands), ctm)  # type: ignore[arg-type]
        elif operator == "Tf" and operands:
            key = str(operands[0])
            if key not in fonts:
                fonts[key] = Font(_lookup(resources, "/Font", key))
            font = fonts[key]
        elif operator in SHOWS:
            _show(operator, operands, font or Font(None), state)
        elif operator in ("BDC", "DP") and len(operands) == 2:
            props = operands[1]
            if isinstance(props, pikepdf.Name):
                props = _lookup(resources, "/Properties", props)
            if isinstance(props, pikepdf.Dictionary):
                for key in ("/ActualText", "/Alt", "/E"):
                    if key in props:
                        state.alternates.append(str(props[key]))
        elif operator == "Do" and operands:
            xobject = _lookup(resources, "/XObject", operands[0])
            if not isinstance(xobject, pikepdf.Stream):
                continue
            subtype = str(xobject.get("/Subtype", ""))
            if subtype == "/Image":
                state.image_area += abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])
            elif subtype == "/Form":
                ref = xobject.objgen
                if ref != (0, 0) and ref in seen:
                    continue
                inner = seen | {ref}
                matrix = xobject.get("/Matrix")
                form_ctm = ctm
                if isinstance(matrix, pikepdf.Array) and len(matrix) == 6:
                    form_ctm = _multiply(tuple(float(x) for x in matrix), ctm)  # type: ignore[arg-type]
                state.out.append("\n")
                _walk(
                    xobject, xobject.get("/Resources", resources), state, depth + 1, form_ctm, inner
                )
                state.out.append("\n")
        if operator in LINE_MOVES:
            state.out.append("\n")


def _show(operator: str, operands: Any, font: Font, state: _State) -> None:
    if operator == "TJ" and operands and isinstance(operands[0], pikepdf.Array):
        for item in operands[0]:
            if isinstance(item, pikepdf.String):
                _decoded(bytes(item), font, state)
            elif isinstance(item, int | float | pikepdf.Object) and _number(item) < -250:
                state.out.append(" ")
        return
    if operands and isinstance(operands[-1], pikepdf.String):
        _decoded(bytes(operands[-1]), font, state)


def _number(item: Any) -> float:
    try:
        return float(item)
    except (TypeError, ValueError):
        return 0.0


def _decoded(data: bytes, font: Font, state: _State) -> None:
    text = font.decode(data)
    if data and not text:
        state.undecodable += len(data)
    state.out.append(text)
