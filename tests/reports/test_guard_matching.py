"""The built-in guard's matching, on text as pdftotext gives it: case, accents, spacing, line
breaks, hyphenation, every usual way of writing a date of birth, postcodes with or without their
space, and no search for name parts that are everyday words."""

from __future__ import annotations

import pytest

from core.plugin_api import IdentifierView
from plugins.guard_identifiers import check_report
from plugins.guard_identifiers.matching import fold, parse_date


def found(text: str, kind: str, value: str) -> list[str]:
    hits = check_report(None, None, [text], {}, [IdentifierView(1, kind, value)], [])
    return [h.found for h in hits]


def test_folding_joins_a_word_hyphenated_at_a_line_end_and_drops_accents_and_case():
    assert fold("Thorn-\n   ton  ZOË", join_hyphenated=True).text == "thornton zoe"
    assert fold("Thorn-\nton", join_hyphenated=False).text == "thorn ton"
    folded = fold("a  B\u00adc", join_hyphenated=True)
    assert folded.text == "a bc" and folded.origin == (0, 1, 3, 5)


@pytest.mark.parametrize(
    "written",
    [
        "12/03/2015", "12.03.15", "12-3-2015", "12 March 2015", "March 12, 2015",
        "12th March 2015", "12th of March 2015", "2015-03-12", "12 Mar 2015", "Mar 12th 2015",
    ],
)  # fmt: skip
def test_a_date_of_birth_is_found_however_it_is_written(written):
    assert found(f"She was born on {written}, at home.", "date_of_birth", "2015-03-12") == [written]


def test_other_dates_are_not_a_date_of_birth():
    text = "Seen on 12/03/2016, 13 March 2015 and 2015-03-21."
    assert found(text, "date_of_birth", "12 March 2015") == []
    assert parse_date("12th March 2015").isoformat() == "2015-03-12"


def test_a_name_is_found_in_full_and_by_its_parts_but_not_inside_other_words():
    text = "Jamie-Lee SMITH visited. Later smith said so. The Smithson family; Jamieson."
    assert found(text, "name", "Jamie-Lee Smith") == ["Jamie-Lee SMITH", "smith"]


def test_name_parts_that_are_everyday_words_are_not_searched_alone():
    text = "We will review it. Mark the date. Rose and Grace Hope were not involved."
    assert found(text, "name", "Will Mark") == []
    assert found("Will Mark was at home.", "name", "Will Mark") == ["Will Mark"]


def test_accents_are_folded_both_ways():
    assert found("Her sister Zoe Bronte", "name", "Zoë Brontë") == ["Zoe Bronte"]
    assert found("Her sister ZOË BRONTË", "name", "Zoe Bronte") == ["ZOË BRONTË"]


def test_postcodes_match_with_any_spacing_and_streets_without_their_number():
    value = "14 Acacia Avenue, Salford, M6 5FX"
    assert found("postcode m65fx.", "address", value) == ["m65fx"]
    assert found("postcode M6   5FX.", "address", value) == ["M6 5FX"]  # shown with spaces folded
    assert found("lived on acacia\navenue", "address", value) == [
        "acacia\navenue".replace("\n", " ")
    ]
    # A town alone is named in reports for other reasons (the board's own name).
    assert found("Salford Safeguarding Children Partnership", "address", value) == []


def test_a_school_is_found_with_or_without_its_kind():
    value = "St Mary's RC Primary School"
    assert found("at St Mary's RC Primary School", "school", value) == [
        "St Mary's RC Primary School"
    ]
    assert found("at ST MARYS primary", "school", value) == []
    assert found("at St Mary's, in year 3", "school", value) == ["St Mary's"]
