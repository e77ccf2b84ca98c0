"""Page furniture both printed formats share: A4, the board's band, running header, page numbers.

Numbers in the footer are figures only ("2 / 5"): the render context carries no translations, and a
figure needs none.
"""

from __future__ import annotations

import re

from core.plugin_api import Document, RenderContext
from plugins.formats.common.scripts import font_stack, script_for

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def safe_colour(value: str, default: str) -> str:
    """A board colour only if it is a plain hex colour, so branding cannot inject CSS."""
    return value if HEX_COLOUR.fullmatch(value or "") else default


def print_css(doc: Document, ctx: RenderContext, *, margin: str, clear_print: bool = False) -> str:
    script = script_for(doc.locale)
    rtl = doc.direction == "rtl"
    start, end = ("right", "left") if rtl else ("left", "right")
    brand = safe_colour(ctx.branding.primary_colour, "#1d4f91")
    brand_text = safe_colour(ctx.branding.primary_text_colour, "#ffffff")
    link = safe_colour(ctx.branding.link_colour, brand)
    line_height = max(script.line_height, 1.5) if clear_print else script.line_height
    return f"""
:root {{ --brand: {brand}; --brand-text: {brand_text}; --link: {link}; }}
@page {{
  size: A4;
  margin: {margin};
  @top-{start} {{ content: string(board); font-size: 9pt; color: #444; }}
  @bottom-{end} {{
    content: "\\2066" counter(page) " / " counter(pages) "\\2069";
    font-size: 10pt;
    color: #333;
  }}
}}
@page :first {{ @top-{start} {{ content: none; }} }}
html {{
  font-family: {font_stack(doc.locale, clear_print=clear_print)};
  line-height: {line_height};
  color: #0b0c0c;
  text-align: {start};
}}
body {{ margin: 0; }}
header.board {{
  string-set: board content(text);
  background: var(--brand);
  color: var(--brand-text);
  padding: 8pt 12pt;
  margin: 0 0 14pt;
}}
header.board p {{ margin: 0; font-weight: bold; font-size: 13pt; }}
/* The logo sits on white above the band: a logo drawn for a white page stays legible. */
p.logo {{ margin: 0 0 8pt; text-align: {start}; }}
p.logo img {{ max-height: 22mm; max-width: 70mm; }}
h1, h2, h3 {{ line-height: {max(line_height - 0.2, 1.2)}; page-break-after: avoid; }}
ul {{ margin: 0 0 8pt; padding-{start}: 18pt; padding-{end}: 0; }}
.contact {{ border-{start}: 4pt solid var(--brand); padding-{start}: 10pt; margin: 8pt 0; }}
/* A phone number or e-mail address broken over two lines is reordered in right-to-left text. */
.contact a {{ white-space: nowrap; }}
p, li {{ orphans: 2; widows: 2; }}
.address {{ display: block; direction: ltr; text-align: {start}; }}
"""
