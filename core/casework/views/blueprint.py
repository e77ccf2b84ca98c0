"""Casework pages under `/<tenant>/casework/`: the agency list, a review's agency requests and
merged chronology for staff; a contributor's own requests, uploads and asks for more time; and the
invitation link. Views parse, call one service, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from core import db
from core.audit.services import record
from core.auth.access import require_role
from core.auth.links import staff_links
from core.auth.models import ROLES
from core.casework import chronology_pdf, publishing, queries, services, themes
from core.casework.cli import casework_group
from core.casework.forms import (
    AgencyForm,
    DecideForm,
    RequestForm,
    TimeForm,
    UploadForm,
)
from core.casework.models import AGENCY_CONTRIBUTOR, REQUEST_KIND_LABELS, AgencyRequest
from core.casework.queries import STATUS_LABELS
from core.casework.views import invitations
from core.casework.views.common import (
    FormsPage,
    PageForm,
    agency_choices,
    decided,
    manager_posted,
    page_status,
    post_each_form,
    private_download,
    read_page,
    run,
    submitted,
    texts,
    uploaded,
    values,
)
from core.redirects import flash_redirect, form_messages
from core.reviews import views as v
from core.reviews.context import (
    ReviewNotFound,
    framework_context,
    today,
)
from core.reviews.models import Review
from core.storage import storage_for
from core.tenancy.context import current_tenant

bp = Blueprint(
    "casework", __name__, url_prefix="/<tenant>/casework", template_folder="../templates"
)
STAFF = require_role(*ROLES)
MANAGER = require_role("board_admin", "review_manager")
ADMIN = require_role("board_admin")
ANYONE_SIGNED_IN = require_role(*ROLES, AGENCY_CONTRIBUTOR)


def _load_request(request_id: int) -> AgencyRequest:
    try:
        return queries.get_request(v.actor(), request_id)
    except ReviewNotFound:
        abort(404)


# -- the agency list -------------------------------------------------------------------------------


@bp.route("/agencies", methods=["GET", "POST"])
@STAFF
def agencies() -> ResponseReturnValue:
    form = AgencyForm()
    actor = v.actor()
    if manager_posted(actor):
        action = request.form.get("action", "add")
        if action == "usual" and form.validate():
            ok, _ = run(
                form,
                lambda: services.add_usual_agencies(current_tenant, actor),
                "Added the usual agencies.",
            )
            if ok:
                return redirect(url_for("casework.agencies"))
        elif action in ("retire", "restore") and form.validate():
            agency_id = request.form.get("agency_id", type=int) or 0
            ok, _ = run(
                form,
                lambda: services.set_agency_active(
                    current_tenant, actor, agency_id, action == "restore"
                ),
                "The agency list is updated.",
            )
            if ok:
                return redirect(url_for("casework.agencies"))
        elif form.validate():
            ok, _ = run(
                form,
                lambda: services.add_agency(current_tenant, actor, form.name.data or ""),
                "Agency added.",
            )
            if ok:
                return redirect(url_for("casework.agencies"))
    return render_template(
        "casework/agencies.html",
        page_title="Agencies",
        agencies=queries.agencies(),
        form=form,
        actor=actor,
    ), page_status()


# -- a review's requests ---------------------------------------------------------------------------


@bp.route("/reviews/<int:review_id>/requests")
@STAFF
def requests(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    fw = framework_context(current_tenant, review.framework)
    return read_page(
        "casework/requests.html",
        page_title=f"Agency requests for {review.reference}",
        review=review,
        glance=queries.at_a_glance(review, fw, today()),
        actor=v.actor(),
    )


_NEW_REQUEST = PageForm(
    "form",
    RequestForm,
    services.send_request,
    "The request is sent and its contributor invited.",
    lambda form: (
        values(form, "agency_id", "due_on") | texts(form, "kind", "contact_email", "instructions")
    ),
)


@bp.route("/reviews/<int:review_id>/requests/new", methods=["GET", "POST"])
@MANAGER
def new_request(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = _NEW_REQUEST.form()
    form.agency_id.choices = agency_choices()
    if request.method == "GET":
        form.kind.data = "chronology"
    answer = _NEW_REQUEST.take(form, review, url_for("casework.requests", review_id=review.id))
    if answer is not None:
        return answer
    intro = (
        "The person named is sent a link to sign in; they see only the requests addressed to them."
    )
    if not form.agency_id.choices[1:]:
        intro += " First add the board's agencies on the Agencies page."
    return v.form_page(
        form,
        title="Ask an agency",
        review=review,
        submit="Send the request",
        intro=intro,
        status=page_status(),
    )


# -- one request -----------------------------------------------------------------------------------


_REQUEST_FORMS = {
    "upload": PageForm(
        "upload",
        UploadForm,
        services.upload_return,
        "Thank you: your return is uploaded.",
        lambda form: uploaded(form.file),
        endpoint="upload",
    ),
    "more-time": PageForm(
        "time",
        TimeForm,
        services.ask_for_time,
        "Your request for more time is sent to the board.",
        lambda form: values(form, "wanted_on") | texts(form, "reason"),
        endpoint="more_time",
    ),
}


@bp.route("/requests/<int:request_id>")
@ANYONE_SIGNED_IN
def request_page(request_id: int) -> ResponseReturnValue:
    req = _load_request(request_id)
    return _request_page(req, _REQUEST_PAGE.blank(), 200)


def _request_page(
    req: AgencyRequest, forms: dict[str, FlaskForm], status: int
) -> ResponseReturnValue:
    actor = v.actor()
    review = db.session.get(Review, req.review_id)
    assert review is not None
    fw = framework_context(current_tenant, review.framework)
    return read_page(
        "casework/request.html",
        page_title=f"{REQUEST_KIND_LABELS[req.kind]} from {req.agency.name}",
        req=req,
        review=review,
        status=queries.request_status(req, today(), fw),
        actor=actor,
        answering=services.may_answer(actor, req),
        staff=actor.role in ROLES,
        forms=forms.values(),
        decide=DecideForm(),
        **forms,
    ), status


_REQUEST_PAGE = FormsPage(
    _REQUEST_FORMS,
    _request_page,
    lambda req: url_for("casework.request_page", request_id=req.id),
)


_request_form = ANYONE_SIGNED_IN(_REQUEST_PAGE.receiving(_load_request))
post_each_form(bp, "/requests/<int:request_id>/{sent}", _request_form, _REQUEST_FORMS)


@bp.post("/requests/<int:request_id>/time/<int:time_id>")
@MANAGER
def decide_time(request_id: int, time_id: int) -> ResponseReturnValue:
    req = _load_request(request_id)
    form = DecideForm()
    grant = request.form.get("decision") == "grant"
    answer = submitted(
        form,
        lambda: services.decide_time(current_tenant, v.actor(), req, time_id, grant=grant),
        "More time granted." if grant else "The request for more time is refused.",
        url_for("casework.request_page", request_id=req.id),
    )
    if answer is not None:
        return answer
    refused = form_messages(form) or "Nothing was decided: try again."
    return flash_redirect(
        refused, "casework.request_page", status=303, problem=True, request_id=req.id
    )


@bp.post("/requests/<int:request_id>/withdraw")
@MANAGER
def withdraw(request_id: int) -> ResponseReturnValue:
    req = _load_request(request_id)
    return _decided(req, services.withdraw_request, "The request is withdrawn.")


@bp.post("/requests/<int:request_id>/resend")
@MANAGER
def resend(request_id: int) -> ResponseReturnValue:
    req = _load_request(request_id)
    return _decided(req, services.resend_invitation, "A new invitation is sent.")


def _decided(req: AgencyRequest, service: Any, done: str) -> ResponseReturnValue:
    """A manager's step on a request from its page (`service(tenant, actor, req)`)."""
    return decided(
        DecideForm(),
        lambda: service(current_tenant, v.actor(), req),
        done,
        url_for("casework.request_page", request_id=req.id),
    )


@bp.route("/returns/<int:return_id>")
@ANYONE_SIGNED_IN
def download(return_id: int) -> ResponseReturnValue:
    try:
        returned, req = queries.get_return(v.actor(), return_id)
    except ReviewNotFound:
        abort(404)
    record("casework.return_downloaded", f"return:{returned.id}", {"request": req.id})
    db.session.commit()
    data = storage_for(current_tenant).get(returned.storage_key)
    from core.casework.uploads import CONTENT_TYPES

    return private_download(
        data, CONTENT_TYPES[returned.file_format], f"return-{returned.id}.{returned.file_format}"
    )


# -- the merged chronology ------------------------------------------------------------------------


def _agency_filter() -> int | None:
    raw = request.args.get("agency", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**31 else None


def _date_filters() -> tuple[dt.date | None, dt.date | None, dict[str, str]]:
    """The span asked for (`from`, `to`, as the date inputs send them); a date that is not one
    is named in an error and left out, so the page still shows what it can."""
    found: list[dt.date | None] = []
    errors: dict[str, str] = {}
    for name, label in (("from", "From"), ("to", "To")):
        raw = request.args.get(name, "").strip()[:20]
        try:
            day = dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            errors[name] = f"{label}: enter a date like 2024-03-27."
            day = None
        if day is not None and not dt.date(1900, 1, 1) <= day <= dt.date(2100, 12, 31):
            errors[name] = f"{label}: enter a date between 1900 and 2100."
            day = None
        found.append(day)
    return found[0], found[1], errors


def _page_number() -> int:
    raw = request.args.get("page", "")
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


@bp.route("/reviews/<int:review_id>/chronology")
@STAFF
def chronology(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    agency_id = _agency_filter()
    since, until, errors = _date_filters()
    window = queries.chronology_page(
        review, agency_id, since=since, until=until, page=_page_number()
    )
    asked = {
        r.agency_id: r.agency for r in queries.review_requests(review) if r.kind == "chronology"
    }
    filters = {
        "agency": agency_id or None,
        "from": since.isoformat() if since else None,
        "to": until.isoformat() if until else None,
    }
    return read_page(
        "casework/chronology.html",
        page_title=f"Merged chronology for {review.reference}",
        review=review,
        window=window,
        lines=window.lines,
        pdf_ready=window.total > 0 and chronology_pdf.stored(current_tenant, review) is not None,
        agencies=sorted(asked.values(), key=lambda a: a.name),
        agency_id=agency_id,
        since=since,
        until=until,
        errors=errors,
        filters=filters,
    )


@bp.route("/reviews/<int:review_id>/chronology.<any(csv, xlsx):fmt>")
@STAFF
def chronology_export(review_id: int, fmt: str) -> ResponseReturnValue:
    review = v.load(review_id, audit=False)
    agency_id = _agency_filter()
    since, until, _errors = _date_filters()
    lines = queries.merged_chronology(review, agency_id, since=since, until=until)
    record(
        "casework.chronology_exported", f"review:{review.id}", {"format": fmt, "rows": len(lines)}
    )
    db.session.commit()
    name = f"chronology-{review.id}-{today().isoformat()}.{fmt}"
    if fmt == "csv":
        body: str | bytes = queries.chronology_csv(lines)
        mimetype = "text/csv"
    else:
        body = queries.chronology_xlsx(lines, f"Merged chronology, review {review.reference}")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return private_download(body, mimetype, name)


# -- a contributor's own requests, and the invitation --------------------------------------------


@bp.route("/mine")
@ANYONE_SIGNED_IN
def mine() -> ResponseReturnValue:
    actor = v.actor()
    items = queries.my_requests(actor)
    on = today()
    rows = [
        (
            req,
            review,
            queries.request_status(req, on, framework_context(current_tenant, review.framework)),
        )
        for req, review in items
    ]
    from core.casework import action_queries

    owned = [
        r for r in action_queries.board_actions(actor, on) if r.action.owner_id == actor.user_id
    ]
    record(
        "casework.own_requests_viewed",
        current_tenant.slug,
        {"count": len(rows), "actions": len(owned)},
    )
    return read_page("casework/mine.html", page_title="Requests to you", rows=rows, owned=owned)


def glance(review: Review) -> list[queries.AgencyGlance]:
    """For the review page's casework section."""
    return queries.at_a_glance(review, framework_context(current_tenant, review.framework), today())


def open_actions(limit: int = 10) -> dict[str, Any]:
    """For the dashboard's open-actions panel: the soonest due, as far as the actor may see."""
    from core.casework import action_queries

    return {"rows": action_queries.soonest_open_actions(v.actor(), today(), limit)}


def init_app(app: Flask) -> None:
    from core.casework import action_queries

    app.register_blueprint(bp)
    app.register_blueprint(invitations.bp)
    staff_links(
        [
            ("casework.mine", "Requests to you", (AGENCY_CONTRIBUTOR,)),
            ("casework.agencies", "Agencies", ROLES),
            ("casework.board_actions", "Actions", ROLES),
            ("casework.theme_list", "Learning themes", ROLES),
            ("casework.timeliness_page", "Timeliness", ("board_admin", "review_manager")),
            ("casework.publishing_settings", "Publishing", ("board_admin",)),
        ]
    )
    app.jinja_env.globals["casework_glance"] = glance
    app.jinja_env.globals["casework_open_actions"] = open_actions
    app.jinja_env.globals["casework_themes"] = themes.labels
    app.jinja_env.globals["casework_status_labels"] = STATUS_LABELS
    app.jinja_env.globals["casework_kind_labels"] = REQUEST_KIND_LABELS
    app.jinja_env.globals["casework_action_labels"] = action_queries.STATUS_LABELS
    app.jinja_env.globals["casework_action_colours"] = action_queries.STATUS_COLOURS
    app.jinja_env.globals["casework_public_progress"] = publishing.progress_for
    app.cli.add_command(casework_group)


# The action plan's pages add their routes to `bp`; import them before it is registered.
from core.casework.views import actions as _action_views  # noqa: E402, F401
from core.casework.views import chronology_pdf as _chronology_pdf_views  # noqa: E402, F401
from core.casework.views import family as _family_views  # noqa: E402, F401
from core.casework.views import meetings as _meeting_views  # noqa: E402, F401
from core.casework.views import publication as _publication_view  # noqa: E402, F401
from core.casework.views import publishing as _publishing_view  # noqa: E402, F401
from core.casework.views import themes as _theme_views  # noqa: E402, F401
from core.casework.views import timeliness as _timeliness_views  # noqa: E402, F401
