"""What the casework pages share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse
from wtforms import Field

from core import db
from core.casework import queries
from core.redirects import flash_problem
from core.reviews import views as v
from core.reviews.context import Actor
from core.reviews.forms import SelectChoice, options
from core.tenancy.context import current_tenant


def run(form: FlaskForm, change: Any, done: str) -> tuple[bool, Any]:
    """The review pages' `run_service`, without assuming the actor may see the review."""
    return v.run_service(form, change, done, None)


def read_page(template: str, **context: Any) -> str:
    """`template` rendered, then committed: the audit records of what the page read."""
    page = render_template(template, **context)
    db.session.commit()
    return page


def manager_form_page(template: str, form: FlaskForm, **context: Any) -> ResponseReturnValue:
    """A staff page with a form that only managers may send: `template` with the form, the actor and
    `context` (`read_page`), 400 after a form it did not take."""
    return read_page(template, form=form, actor=v.actor(), **context), page_status()


def page_status() -> int:
    """A form page's status: 400 when it is shown again after a form it did not take, else 200."""
    return 400 if request.method == "POST" else 200


def manager_posted(actor: Actor) -> bool:
    """Whether the page was sent a form; only review managers and board admins may send one (403
    for anyone else)."""
    if request.method != "POST":
        return False
    if not actor.is_manager:
        abort(403)
    return True


def decided(form: FlaskForm, change: Any, done: str, then: str) -> ResponseReturnValue:
    """A step taken by a button on a page: made (`done` flashed) or its reasons flashed, and back
    to `then` either way."""
    if form.validate_on_submit():
        run(form, change, done)
        for message in form.form_errors:
            flash_problem(message)
    return redirect(then), 303


def submitted(
    form: FlaskForm, change: Any, done: str, then: str, *, refresh: Any = None
) -> BaseResponse | None:
    """A valid form's change made (`done` flashed) and a redirect to `then`; None where the page is
    to be shown (again): nothing sent, a form not valid, or a change refused (its reasons on the
    form, and `refresh`, the record the page shows, read afresh after the rollback)."""
    if not form.validate_on_submit():
        return None
    ok, _ = run(form, change, done)
    if ok:
        return redirect(then)
    if refresh is not None:
        db.session.refresh(refresh)
    return None


def agency_choices() -> list[SelectChoice]:
    """A choice of the board's active agencies, after a first choice of none."""
    return options(
        [(0, "Choose an agency"), *((a.id, a.name) for a in queries.agencies(active_only=True))]
    )


def values(form: FlaskForm, *names: str) -> dict[str, Any]:
    """The form's other fields as a service takes them, by name: each one's data as it is."""
    return {name: form[name].data for name in names}


def texts(form: FlaskForm, *names: str) -> dict[str, Any]:
    """The form's text fields as a service takes them, by name: each one's words ("" if not sent)."""
    return {name: form[name].data or "" for name in names}


def changed(
    form: FlaskForm, service: Any, record: Any, done: str, then: str, **fields: Any
) -> BaseResponse | None:
    """`submitted` for a change to the record a page shows: `service(board, actor, record,
    **fields)`, and the record read afresh if the change is refused."""
    return submitted(
        form,
        lambda: service(current_tenant, v.actor(), record, **fields),
        done,
        then,
        refresh=record,
    )


@dataclass(frozen=True)
class PageForm:
    """A form and the change it asks for: the name the page's template knows it by, its class (or
    what makes it), the service that makes the change (`service(board, actor, record, **fields)`),
    what is flashed when it is made, `fields`, what of the form the service takes, and the name of
    the endpoint it is sent to where it has a route of its own (`post_each_form`)."""

    name: str
    form: Callable[..., FlaskForm]
    service: Callable[..., Any]
    done: str
    fields: Callable[[Any], dict[str, Any]]
    endpoint: str = ""

    def take(self, form: FlaskForm, record: Any, then: str) -> BaseResponse | None:
        """`changed`: the sent `form`'s change to `record` made and a redirect to `then`, or None."""
        return changed(form, self.service, record, self.done, then, **self.fields(form))

    def take_from_manager(self, record: Any, then: str) -> tuple[FlaskForm, BaseResponse | None]:
        """The form of a staff page that only managers may send (`manager_posted`), and `take`'s
        answer where one sent it."""
        form = self.form()
        return form, self.take(form, record, then) if manager_posted(v.actor()) else None


@dataclass(frozen=True)
class FormsPage:
    """The page of a record with forms each sent to a route of its own: the forms by the name of
    their route, `page(record, forms, status)` to show it with the forms by the names its template
    knows, and `url(record)`, its address."""

    forms: Mapping[str, PageForm]
    page: Callable[[Any, dict[str, FlaskForm], int], ResponseReturnValue]
    url: Callable[[Any], str]

    def blank(self) -> dict[str, FlaskForm]:
        """The forms as the page shows them before anything is sent."""
        return {spec.name: spec.form(formdata=None) for spec in self.forms.values()}

    def sent(self, record: Any, sent: str) -> ResponseReturnValue:
        """The form `sent`: its change made and back to the page (`changed`), or the page again
        (400) with that form's problems and the other forms blank."""
        spec = self.forms[sent]
        form = spec.form()
        return spec.take(form, record, self.url(record)) or self.page(
            record, self.blank() | {spec.name: form}, 400
        )

    def receiving(self, load: Callable[..., Any]) -> Callable[..., ResponseReturnValue]:
        """The view that takes a sent form of the page (for `post_each_form`): `sent` with the
        record `load`ed from the ids in the form's address."""

        def view(sent: str, **ids: int) -> ResponseReturnValue:
            return self.sent(load(**ids), sent)

        return view


def post_each_form(
    bp: Blueprint,
    path: str,
    view: Callable[..., ResponseReturnValue],
    forms: Mapping[str, PageForm],
) -> None:
    """Route the POST of each of a page's `forms` to the page's one `view`: each form keeps its own
    address (`path` with `{sent}`, the form's key, filled in) and endpoint name, and the view is
    told which form was sent by its `sent` argument."""
    for sent, spec in forms.items():
        rule = path.format(sent=sent)
        bp.add_url_rule(rule, spec.endpoint, view, methods=["POST"], defaults={"sent": sent})


def uploaded(field: Field) -> dict[str, Any]:
    """A file field's upload as a service takes it: its `filename` and `data` (empty if none)."""
    file = field.data
    return {"filename": getattr(file, "filename", "") or "", "data": file.read() if file else b""}


def private_download(body: str | bytes, mimetype: str, filename: str) -> Response:
    """A file to save (never shown inline) that no cache keeps: casework files are personal."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
