"""Small helpers shared by the casework tests."""

from __future__ import annotations

from core.reviews.context import as_of


def chronology_csv(agency: str, *rows: tuple[str, str]) -> bytes:
    lines = ["date,agency,event,source"]
    lines += [f"{day},{agency},{event},case notes" for day, event in rows]
    return ("\n".join(lines) + "\n").encode()


def returned_chronology(as_role, board, agency: str, rows) -> None:
    """The board's review manager asks `agency` for a chronology (3 March 2025) and records its
    return the next day: a CSV of `rows`, (date, event) each."""
    import datetime as dt

    from core import db
    from core.casework import services
    from core.casework.models import AgencyRequest
    from core.reviews.models import Review

    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        with as_of(dt.date(2025, 3, 3)):
            req = services.send_request(
                t, actor, review, agency_id=board["agencies"][agency], kind="chronology",
                contact_email=f"someone@{agency}.example",
            )  # fmt: skip
        with as_of(dt.date(2025, 3, 4)):
            services.upload_return(
                t, actor, db.session.get(AgencyRequest, req.id), filename="c.csv",
                data=chronology_csv(agency.title(), *rows),
            )  # fmt: skip

    as_role(board["tenant"], board["manager"], "review_manager", run)


def sent_mail(app, kind: str | None = None) -> list:
    """The messages the notifier delivered (the .eml folder), oldest first; of one kind if given."""
    import email
    import email.policy
    from pathlib import Path

    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    found = []
    for path in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if kind is None or message["X-Candour-Kind"] == kind:
            found.append(message)
    return found


def mail_text(message) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())
