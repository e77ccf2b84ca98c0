"""The plain-text format: every heading kept and marked, wrapped by display width, words never cut."""

from __future__ import annotations

import pytest
from format_samples import ALL_LOCALES, GUIDANCE, PHONE, sample_document

from plugins.formats.text import WIDTH
from plugins.formats.text.wrap import display_width, wrap

PUNCTUATION = ".,:;?!()\"'۔؟।"


def read(rendered, locale: str) -> str:
    return rendered("text", locale).read_bytes().decode("utf-8")


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_text_holds_every_heading_underlined(rendered, locale):
    lines = read(rendered, locale).split("\n")
    doc = sample_document(locale)
    title_at = lines.index(doc.title)
    assert set(lines[title_at + 1]) == {"="}
    for section in doc.sections:
        at = lines.index(section.heading)
        assert set(lines[at + 1]) == {"-"}
        assert len(lines[at + 1]) == display_width(section.heading)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_text_keeps_every_word_whole_and_wraps_at_72_columns(rendered, locale):
    text = read(rendered, locale)
    assert text.endswith("\n") and not text.endswith("\n\n")
    for line in text.split("\n"):
        assert display_width(line) <= WIDTH or " " not in line.strip(), line
    written = {word.strip(PUNCTUATION) for word in text.split()}
    for word in sample_document(locale).plain_text().split():
        assert word.strip(PUNCTUATION) in written, word


def test_text_writes_lists_links_and_the_phone_number(rendered):
    text = read(rendered, "en")
    assert "- You can bring a friend or relative with you." in text
    assert f"GOV.UK\n({GUIDANCE})." in text or f"GOV.UK ({GUIDANCE})." in text
    assert f"Phone: {PHONE}" in text


def test_wrap_counts_columns_not_code_points_for_bengali():
    # Each word has a vowel sign or virama that takes no column of its own.
    text = " ".join(["কিছু"] * 40)
    lines = wrap(text, WIDTH)
    assert all(display_width(line) <= WIDTH for line in lines)
    assert (
        display_width(lines[0]) > WIDTH - 5
    )  # filled to the margin, not stopped at 72 code points
    assert len(lines[0]) > WIDTH


def test_wrap_keeps_an_over_long_word_whole():
    assert wrap("see https://" + "x" * 80, 20) == ["see", "https://" + "x" * 80]


def test_the_text_download_names_its_charset_once(client, demo_tenants):
    response = client.get("/salford/en/formats/text", buffered=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
