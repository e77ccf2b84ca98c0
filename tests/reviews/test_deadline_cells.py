"""The cells every deadline table writes (when it is due, its countdown, its status): what they say,
escaped, and the same through the shared macros as from the dashboard's own calls."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import render_template_string

from core.reviews.views import countdown, due_cell, status_cell

DAY = dt.date(2027, 6, 3)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (None, ""),
        (12, "12 working days left"),
        (2, "2 working days left"),
        (1, "1 working day left"),
        (0, "Due today"),
        (-1, "1 working day late"),
        (-2, "2 working days late"),
        (-40, "40 working days late"),
    ],
)
def test_a_countdown_says_how_many_working_days_are_left_or_late(days, text):
    assert countdown(days) == text


def test_a_due_cell_gives_the_date_and_its_countdown_or_why_there_is_no_date(app):
    with app.test_request_context("/"):
        assert str(due_cell(DAY, -3)) == (
            '3 June 2027<br><span class="govuk-body-s">3 working days late</span>'
        )
        assert str(due_cell(DAY, None)) == "3 June 2027"
        assert "No date yet: it counts from a date not recorded" in due_cell(None, 4)


def test_a_status_cell_is_a_tag_and_says_when_it_is_on_hold():
    assert str(status_cell("missed")) == '<strong class="govuk-tag govuk-tag--red">Missed</strong>'
    assert str(status_cell("at_risk", on_hold=True)) == (
        '<strong class="govuk-tag govuk-tag--orange">At risk</strong> '
        '<strong class="govuk-tag govuk-tag--purple">On hold: parallel process open</strong>'
    )


def test_the_shared_macros_write_the_cells_the_dashboard_writes(app):
    source = (
        '{% import "reviews/_macros.html" as m %}'
        "{{ m.due(ob, days) }}|{{ due_cell(ob.due_on, days) }}|"
        "{{ m.status_tag(status, hold) }}|{{ status_cell(status, hold) }}"
    )
    with app.test_request_context("/"):
        for due_on in (DAY, None):
            for days in (None, 0, 5, -7):
                for status, hold in (("due", False), ("waived", False), ("missed", True)):
                    ob = type("Ob", (), {"due_on": due_on})()
                    page = render_template_string(
                        source, ob=ob, days=days, status=status, hold=hold
                    )
                    macro_due, due, macro_status, status_tag = page.split("|")
                    assert (macro_due, macro_status) == (due, status_tag)
                    assert due == str(due_cell(due_on, days))
