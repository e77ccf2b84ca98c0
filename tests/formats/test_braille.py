"""The braille format: braille ASCII only, 40 cells by 25 lines, numbered pages, and English that
translates back to the leaflet's words."""

from __future__ import annotations

import logging
import re

import pytest
from format_samples import ALL_LOCALES, LAUNCH_LOCALES, sample_context, sample_document

from plugins.formats import braille
from plugins.formats.braille import liblouis
from plugins.formats.braille.brf import CELLS, LINES, braille_number, fill


def pages(rendered, locale: str) -> list[list[str]]:
    data = rendered("braille", locale).read_bytes()
    assert re.fullmatch(rb"[\x20-\x5f\r\n\f]*", data), "bytes outside braille ASCII"
    text = data.decode("ascii")
    assert "\n" not in text.replace("\r\n", ""), "line ends must all be CR LF"
    return [page.split("\r\n")[:-1] for page in text.split("\f")]


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_brf_pages_are_40_cells_by_25_lines_and_numbered(rendered, locale):
    for number, page in enumerate(pages(rendered, locale), start=1):
        assert len(page) == LINES
        assert all(len(line) <= CELLS for line in page)
        assert page[-1].strip() == braille_number(number)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_offered_locale_translates_without_undefined_characters(caplog, locale):
    doc = sample_document(locale)
    with caplog.at_level(logging.WARNING):
        data = braille.render(doc, sample_context())
    assert "lacks characters" not in caplog.text
    assert b"\\X" not in data


def test_braille_is_offered_exactly_for_the_launch_locales():
    (fmt,) = braille.register_formats()
    assert fmt.locales == LAUNCH_LOCALES
    assert fmt.available() is None


def normalised_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_english_brf_translates_back_to_the_leaflet(rendered):
    body = ["\r\n".join(page[:-1]) for page in pages(rendered, "en")]  # drop page-number lines
    lines = [line.strip() for line in "\r\n".join(body).split("\r\n") if line.strip()]
    back = " ".join(liblouis.translate_lines(lines, "en", backward=True))
    expected = normalised_words(sample_document("en").plain_text())
    got = set(normalised_words(back))
    found = sum(word in got for word in expected)
    assert found / len(expected) >= 0.9, sorted(set(expected) - got)


def test_braille_numbers_follow_the_number_sign():
    assert braille_number(1) == "#A"
    assert braille_number(10) == "#AJ"


def test_fill_indents_and_cuts_only_words_longer_than_a_line():
    lines = fill("AB " * 30 + "X" * 50, first=2, rest=0)
    assert lines[0].startswith("  AB")
    assert all(len(line) <= CELLS for line in lines)
    assert "".join(lines[-2:]).replace(" ", "").endswith("X" * 50)


def test_braille_is_unavailable_without_lou_translate(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert "lou_translate" in (liblouis.unavailable_reason() or "")


@pytest.mark.parametrize("locale", sorted(LAUNCH_LOCALES))
def test_brackets_and_quotes_are_braille_not_escape_codes(caplog, locale):
    title = sample_document(locale).title
    with caplog.at_level(logging.WARNING):
        (line,) = liblouis.translate_lines([f'{title} (1) "{title}"'], locale)
    assert "\\X" not in line
    assert "lacks characters" not in caplog.text
    # Both brackets and both quotes are written as cells of their own.
    plain = liblouis.translate_lines([title], locale)[0]
    assert len(line.replace(" ", "")) >= 2 * len(plain.replace(" ", "")) + 4
