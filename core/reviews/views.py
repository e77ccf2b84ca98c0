"""What the review pages share: the actor, loading a review or 404, turning service errors into form
errors, the generic form page, links to the family pages, the cells every deadline table writes
(a date, a countdown, a status tag), and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from markupsafe import Markup, escape

from core import db
from core.i18n import current_locale, format_date
from core.redirects import flash_problem, form_messages
from core.reviews.context import Actor, ReviewError, ReviewForbidden, ReviewNotFound
from core.reviews.models import Review
from core.reviews.queries import DueItem, ListedRow, ReviewRow, get_review
from core.tenancy.context import current_tenant

FAMILY_FORMATS = ("pdf", "large-print", "text", "braille", "audio", "docx", "easy-read")
# Stands in for an id while a link for many rows is built once (see `id_links`).
STAND_IN = 918273645


def actor() -> Actor:
    return Actor.from_request()


def load(review_id: int, *, audit: bool = True) -> Review:
    try:
        return get_review(actor(), review_id, audit=audit)
    except ReviewNotFound:
        abort(404)


def add_errors(form: FlaskForm, exc: ReviewError) -> None:
    """Show a service's errors next to the fields they are about (or above the form)."""
    for name, message in exc.errors.items():
        if name in form._fields:
            form[name].errors = [*form[name].errors, message]
        else:
            form.form_errors.append(message)


def review_page(template: str, title: str, review: Review, **context: Any) -> str:
    """A staff page about one review: `template` with its title, the review, the actor and
    `context`."""
    return render_template(template, page_title=title, review=review, actor=actor(), **context)


def form_page(
    form: FlaskForm,
    *,
    title: str,
    review: Review | None,
    submit: str,
    intro: str = "",
    warning: str = "",
    status: int = 200,
    danger: bool = False,
    blockers: list[tuple[str, str]] | None = None,
) -> ResponseReturnValue:
    notes = {"intro": intro, "warning": warning, "danger": danger, "blockers": blockers or []}
    page = render_template(
        "reviews/form.html", form=form, page_title=title, review=review, submit=submit, **notes
    )
    return page, status


def run_service(
    form: FlaskForm, change: Callable[[], Any], done: str, review: Review | None
) -> tuple[bool, Any]:
    """Call a service and commit; on a refusal roll back and put its errors on the form."""
    try:
        result = change()
    except ReviewError as exc:
        db.session.rollback()
        add_errors(form, exc)
        return False, None
    except ReviewForbidden:
        db.session.rollback()
        abort(403)
    db.session.commit()
    flash(done)
    return True, result


def posted_back(
    review: Review, form: FlaskForm, change: Callable[[], Any], done: str, anchor: str, refused: str
) -> ResponseReturnValue:
    """A small form of the review's own page sent: the change made (`run_service`), or `refused`
    flashed with what is wrong; back to the page at `anchor` either way."""
    if form.validate_on_submit() and run_service(form, change, done, review)[0]:
        return back_to(review, anchor)
    flash_problem(f"{refused}: {form_messages(form)}")
    return back_to(review, anchor)


def change_form(
    form: FlaskForm,
    review: Review | None,
    change: Callable[[], Any],
    *,
    done: str,
    back: str = "",
    title: str,
    submit: str,
    after: Callable[[Any], None] | None = None,
    **page: Any,
) -> ResponseReturnValue:
    """A review's form page for one change: on a valid post, call `change` (one service) through
    `run_service`, call `after` with its result (a second message, say), and go back to the
    review's `back` section (the new review's page when `review` is None); otherwise show the
    form, with 400 after a refused post. `page` goes to `form_page` (intro, warning, danger, …)."""
    if form.validate_on_submit():
        ok, result = run_service(form, change, done, review)
        if ok:
            if after is not None:
                after(result)
            return back_to(review if review is not None else result, back)
    status = 400 if request.method == "POST" else 200
    return form_page(form, title=title, review=review, submit=submit, status=status, **page)


def remove(
    review: Review, change: Callable[[], Any], *, done: str, back: str
) -> ResponseReturnValue:
    """A post that takes one thing off a review: `change` (one service) refusing means the thing is
    not this review's, so 404; else commit, say `done` and go back to the review's `back` section."""
    try:
        change()
    except ReviewError:
        abort(404)
    db.session.commit()
    flash(done)
    return back_to(review, back)


def back_to(review: Review, anchor: str = "") -> ResponseReturnValue:
    return redirect(url_for("reviews.show", review_id=review.id) + (f"#{anchor}" if anchor else ""))


def family_links(locale: str, fmt: str) -> dict[str, str]:
    """Links to the family pages in a member's language and, if the board offers it, format."""
    if locale not in current_tenant.locales:
        locale = current_tenant.default_locale
    page = url_for("family.page", locale=locale)
    links = {"page": page}
    if fmt in FAMILY_FORMATS:
        links["format"] = f"{page}formats/{fmt}"
    return links


def id_links(endpoint: str, *names: str) -> Callable[..., str]:
    """`url_for(endpoint, **ids)` for the many rows of one page, built once: with a stand-in for
    each id, whose place a row's ids then take (an `int` converter writes a number as its digits).
    A link where a stand-in is not found exactly once is built by `url_for` every time."""
    stand_ins = {name: str(STAND_IN + i) for i, name in enumerate(names)}
    values: dict[str, Any] = {name: int(number) for name, number in stand_ins.items()}
    built = url_for(endpoint, **values)
    pattern = built.replace("{", "{{").replace("}", "}}")
    for name, number in stand_ins.items():
        if built.count(number) != 1:
            return lambda *ids: url_for(endpoint, **dict(zip(names, ids, strict=True)))
        pattern = pattern.replace(number, "{" + name + "}")
    return lambda *ids: pattern.format(**{n: int(i) for n, i in zip(names, ids, strict=True)})


def review_date(value: dt.date | None) -> str:
    """A date in prose, in the page's locale's long form ("3 June 2027")."""
    return _long_date(value, current_locale()) if value else ""


@lru_cache(maxsize=4096)
def _long_date(value: dt.date, locale: str) -> str:
    # A dashboard writes the same few hundred dates on every view; Babel's formatting is not free.
    return format_date(value, format="long", locale=locale)


# The deadline tables' cells are written here rather than by template macros: a dashboard writes
# a hundred of them, and a macro call costs several times a function call. `_macros.html` calls
# these too, so every page writes them the same way.
STATUS_TAGS = {
    "missed": Markup('<strong class="govuk-tag govuk-tag--red">Missed</strong>'),
    "at_risk": Markup('<strong class="govuk-tag govuk-tag--orange">At risk</strong>'),
    "due": Markup('<strong class="govuk-tag govuk-tag--blue">Due</strong>'),
    "met": Markup('<strong class="govuk-tag govuk-tag--green">Met</strong>'),
    "waived": Markup('<strong class="govuk-tag govuk-tag--grey">Waived</strong>'),
}
ON_HOLD_TAG = Markup(
    ' <strong class="govuk-tag govuk-tag--purple">On hold: parallel process open</strong>'
)
NO_DATE_YET = Markup(
    '<span class="govuk-hint govuk-!-margin-0">No date yet: it counts from a date not recorded</span>'
)
COUNTDOWN = Markup('<br><span class="govuk-body-s">'), Markup("</span>")
NOTHING = Markup("")


def status_cell(status: str, on_hold: bool = False) -> Markup:
    """A deadline's status as a tag, and whether it is on hold while a parallel process is open."""
    return STATUS_TAGS[status] + ON_HOLD_TAG if on_hold else STATUS_TAGS[status]


def countdown(days: int | None) -> str:
    """Working days left to a deadline, or how late it is; nothing when there is no count."""
    if days is None:
        return ""
    if days > 1:
        return f"{days} working days left"
    if days == 1:
        return "1 working day left"
    if days == 0:
        return "Due today"
    if days == -1:
        return "1 working day late"
    return f"{-days} working days late"


def due_cell(due_on: dt.date | None, days: int | None) -> Markup:
    """When a deadline is due, with its countdown below; or why it has no date yet."""
    if not due_on:
        return NO_DATE_YET
    return _due_cell(due_on, days, current_locale())


@lru_cache(maxsize=4096)
def _due_cell(due_on: dt.date, days: int | None, locale: str) -> Markup:
    # A dashboard writes the same few hundred dates and counts on every view.
    if days is None:
        return escape(_long_date(due_on, locale))
    # Markup's join escapes the texts it joins (the date and the countdown), not its own markup.
    return NOTHING.join((_long_date(due_on, locale), COUNTDOWN[0], countdown(days), COUNTDOWN[1]))


# The dashboard's tables write a row a review and a row a deadline, seventy-five on a page: each
# row is written here in one step, where a template's `call` block a row, with its cells' calls,
# cost about a third of the whole dashboard. The cells are those the other tables write (the same
# tags, dates and countdowns).
_CELL = '<td class="govuk-table__cell">{}</td>'
_LINK = '<a class="govuk-link" href="{}">{}</a>'
_LISTED_ROW = _CELL.format(_LINK + "<br>{}") + _CELL * 4
_DUE_ROW = _CELL.format(_LINK + "<br>{}") + _CELL.format(_LINK) + _CELL * 2
NOTHING_DUE = Markup('<span class="govuk-hint">Nothing due</span>')
ON_TRACK = Markup('<strong class="govuk-tag govuk-tag--green">On track</strong>')


class DashboardCells:
    """The cells of the dashboard's rows, with the page's links to reviews and deadlines (built
    once for the page: `id_links`)."""

    def __init__(self) -> None:
        self.review = id_links("reviews.show", "review_id")
        self.obligation = id_links("reviews.obligation", "review_id", "obligation_id")

    def listed(self, row: ListedRow) -> Markup:
        """A review: its reference and pseudonym, stage, next deadline and when it is due, and
        how many of its deadlines are missed and at risk (or that it is on track)."""
        review, nxt = row.review, row.next_deadline
        counts = ((row.missed, "red", "missed"), (row.at_risk, "orange", "at risk"))
        attention = [
            f'<strong class="govuk-tag govuk-tag--{colour}">{count} {what}</strong>'
            for count, colour, what in counts
            if count
        ]
        return Markup(  # noqa: S704  (every value is escaped here)
            _LISTED_ROW.format(
                escape(self.review(review.id)),
                escape(review.reference),
                escape(review.pseudonym),
                escape(row.stage_label),
                escape(nxt.obligation.label) if nxt else NOTHING_DUE,
                due_cell(nxt.obligation.due_on, nxt.working_days_left) if nxt else "",
                " ".join(attention) if attention else ON_TRACK,
            )
        )

    def due(self, item: DueItem) -> Markup:
        """A deadline missed or due this week: its review, what is due, when, and its status."""
        review, ob = item.review, item.obligation
        return Markup(  # noqa: S704  (every value is escaped here)
            _DUE_ROW.format(
                escape(self.review(review.id)),
                escape(review.reference),
                escape(review.pseudonym),
                escape(self.obligation(review.id, ob.id)),
                escape(ob.label),
                due_cell(ob.due_on, item.working_days_left),
                status_cell(item.status),
            )
        )


def csv_export(rows: list[ReviewRow]) -> str:
    """The dashboard as CSV: no identifiers, only what the dashboard shows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["reference", "framework", "stage", "pseudonym", "target_date", "next_deadline",
         "next_deadline_due", "next_deadline_status", "missed", "at_risk"]
    )  # fmt: skip
    for row in rows:
        nxt = row.next_deadline
        writer.writerow(
            [
                _cell(row.review.reference),
                row.review.framework,
                row.stage_label,
                _cell(row.review.pseudonym),
                row.review.target_on.isoformat() if row.review.target_on else "",
                nxt.obligation.label if nxt else "",
                nxt.obligation.due_on.isoformat() if nxt and nxt.obligation.due_on else "",
                nxt.status if nxt else "",
                row.missed,
                row.at_risk,
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
