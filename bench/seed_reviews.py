"""Seed the benchmark database: 10,000 reviews across 150 boards, made through the real services
(deadlines and obligations worked out as a board's would be), and one staff member in every board.
Every review has the work of a review too, through the casework services: two agency requests
(the contributor invited by mail), a panel meeting (which promises the family an update) and a
recommendation with one action. One review of the first board has a merged chronology of 2,000
entries, uploaded as four agencies' CSV returns through the same check and import as a contributor's.

Run by the harness in its own process: `python -m bench.seed_reviews` with the bench environment.
It prints the number of reviews, the first board's slug, an API token and the chronology review's id.
Boards are independent, so `BENCH_SEED_PROCESSES` (4) processes seed a share of them each: most of
a review's cost is the round trips of its forty-odd statements, not CPU.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pyotp
from sqlalchemy import select

from core import create_app, db
from core.auth import twofactor
from core.auth.memberships import grant_role
from core.auth.services import get_or_create_user
from core.auth.tokens import create_token
from core.auth.twofactor import STEP
from core.casework.actions import add_action, add_recommendation
from core.casework.meetings import record_meeting
from core.casework.services import add_usual_agencies, send_request, upload_return
from core.reviews.context import Actor, as_of
from core.reviews.services import available_transitions, create_review, transition
from core.tenancy.models import Tenant

# `BENCH_BOARDS` and `BENCH_REVIEWS` together can seed a smaller set with the same share a board.
BOARDS = int(os.environ.get("BENCH_BOARDS", "150"))
PROCESSES = int(os.environ.get("BENCH_SEED_PROCESSES", "4"))
REVIEWS = int(os.environ.get("BENCH_REVIEWS", "10000"))
CHRONOLOGY_ENTRIES = 2_000
EMAIL = "bench.manager@candour.example"
PASSWORD = os.environ.get("BENCH_PASSWORD", "a long bench password for staff")
# Review managers sign in with a second factor; the bench computes its codes from this secret.
TOTP_SECRET = os.environ.get("BENCH_TOTP_SECRET", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")


def casework(
    board: Tenant, actor: Actor, review: object, agencies: list, i: int, on: dt.date
) -> None:
    """What fills a review: two requests, a panel meeting, a recommendation with an action."""
    for k in range(2):
        agency = agencies[(i + k) % len(agencies)]
        with as_of(on):
            send_request(
                board, actor, review, agency_id=agency.id, kind=("summary", "imr")[k],
                contact_email=f"contributor.{agency.key}@{board.slug}.example",
            )  # fmt: skip
    with as_of(on):
        record_meeting(
            board, actor, review, kind="panel", held_on=on + dt.timedelta(days=7),
            attendees="Panel members", agenda="Terms of reference",
        )  # fmt: skip
    rec = add_recommendation(board, actor, review, text="Agencies share information sooner.")
    with as_of(on):
        add_action(
            board, actor, rec, description="Review the information-sharing protocol.",
            owner_agency_id=agencies[i % len(agencies)].id, due_on=on + dt.timedelta(days=90),
        )  # fmt: skip


def chronology_review(board: Tenant, actor: Actor, agencies: list, on: dt.date) -> int:
    """A review whose four agencies each return a chronology of 500 rows (CSV, checked and merged)."""
    with as_of(on):
        review = create_review(
            board, actor, reference="CR-CHRONOLOGY", pseudonym="Child C", aware_on=on
        )
    per_agency = CHRONOLOGY_ENTRIES // 4
    for k, agency in enumerate(agencies[:4]):
        with as_of(on):
            req = send_request(
                board, actor, review, agency_id=agency.id, kind="chronology",
                contact_email=f"contributor.{agency.key}@{board.slug}.example",
            )  # fmt: skip
        lines = ["date,agency,event,source"]
        for n in range(per_agency):
            day = on - dt.timedelta(days=(n * 7 + k) % 2000 + 1)
            lines.append(
                f"{day.isoformat()},{agency.name} team {n % 3 + 1},"
                f'"Home visit {n}: seen with mother, concerns about attendance discussed",'
                f"Case record {k}-{n}"
            )
        with as_of(on):
            upload_return(
                board, actor, req, filename=f"chronology-{k}.csv",
                data="\n".join(lines).encode(),
            )  # fmt: skip
    return review.id


def seed(part: int, parts: int) -> None:
    """Seed every `parts`-th board, starting at `part`; the first board's part prints the token."""
    app = create_app()
    with app.app_context():
        user, _ = get_or_create_user(EMAIL, PASSWORD, name="Bench Manager")
        with db.all_tenants():
            boards = db.session.scalars(
                select(Tenant)
                .where(Tenant.slug.like("bench-%"))
                .order_by(Tenant.slug)
                .limit(BOARDS)
            ).all()
        if len(boards) < BOARDS:
            sys.exit(f"need {BOARDS} bench boards, found {len(boards)}")
        start = dt.date(2025, 1, 6)
        made = 0
        for n, board in enumerate(boards):
            if n % parts != part:
                continue
            with db.tenant_scope(board.id):
                membership = grant_role(board, user, "review_manager")
                db.session.flush()
                actor = Actor(user=user, role=membership.role)
                agencies = add_usual_agencies(board, actor)
                count = REVIEWS // BOARDS + (1 if n < REVIEWS % BOARDS else 0)
                if n == 0:
                    count -= 1
                    chronology_id = chronology_review(board, actor, agencies, start)
                    made += 1
                for i in range(count):
                    aware = start + dt.timedelta(days=(i * 3 + n) % 600)
                    with as_of(aware):
                        review = create_review(
                            board, actor, reference=f"CR-{n:03d}-{i:04d}", pseudonym=f"Child {i % 26 + 1}", aware_on=aware,
                        )  # fmt: skip
                    # Move some reviews on, so the dashboard shows every stage.
                    for _ in range(i % 3):
                        steps = available_transitions(board, actor, review)
                        step = next((s for s in steps if not s.fields), None)
                        if step is None:
                            break
                        with as_of(aware):
                            transition(board, actor, review, step.key)
                    casework(board, actor, review, agencies, i, aware)
                    made += 1
                if n == 0:
                    token = create_token(board, user, "bench")
            db.session.commit()
        print(made, end=" ")
        if part == 0:
            print(f"{boards[0].slug} {token} {chronology_id}", end="")
        print()


def main() -> None:
    if len(sys.argv) == 3:
        seed(int(sys.argv[1]), int(sys.argv[2]))
        return
    app = create_app()
    with app.app_context():
        user, _ = get_or_create_user(EMAIL, PASSWORD, name="Bench Manager")
        if not user.has_two_factor:
            twofactor.enrol(user, TOTP_SECRET, pyotp.TOTP(TOTP_SECRET, interval=STEP).now())
        db.session.commit()
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.seed_reviews", str(part), str(PROCESSES)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for part in range(PROCESSES)
    ]
    outputs = [child.communicate()[0].split() for child in children]
    if any(child.returncode for child in children):
        sys.exit("a seeding process failed")
    made = sum(int(out[0]) for out in outputs)
    print(made, *outputs[0][1:])


if __name__ == "__main__":
    main()
