"""The easy-read leaflet for a Single Unified Safeguarding Review (Wales), child or adult."""

from __future__ import annotations

from ..content import EasyRead, Part, Point, er
from .shared import CONTACT, HARD_TIME, NOT_POLICE, POLICE_TOO

WALES_SUSR = EasyRead(
    title=er("Single Unified Safeguarding Review"),
    subtitle=er("Information for families. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a **safeguarding review** in Wales."),
                        er("We call it **the review** for short."),
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            er("What is the review?"),
            (
                Point(
                    "meeting",
                    (
                        er("{board} is a group of services in Wales."),
                        er("They work together to keep children and adults safe."),
                    ),
                ),
                Point(
                    "house",
                    (
                        er("We do a review when someone has died or been badly hurt."),
                        er("And services may need to learn from what happened."),
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        er("The review looks at how services worked with the person and family."),
                        er("It looks at what went well and what could be better."),
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        er("The review is about **learning**."),
                        er("It is not about blaming people."),
                        er("We want to make things better for other children and adults."),
                    ),
                ),
                NOT_POLICE,
            ),
        ),
        Part(
            er("Who does the review?"),
            (
                Point(
                    "reviewer",
                    (
                        er("A **chair** and **reviewers** do the review."),
                        er("They do not work for the services they look at."),
                    ),
                ),
                Point(
                    "envelope",
                    (er("We tell the **Welsh Government** about every review."),),
                ),
            ),
        ),
        Part(
            er("What about you?"),
            (
                Point(
                    "talking",
                    (
                        er("You do **not** have to do anything."),
                        er("But you can meet the reviewers and tell them what you think."),
                        er("You can talk to us in Welsh or English."),
                    ),
                ),
                POLICE_TOO,
            ),
        ),
        Part(
            er("The report"),
            (
                Point(
                    "calendar",
                    (
                        er("We try to finish the review in **{months} months**."),
                        er("If it takes longer, we will tell you why."),
                    ),
                ),
                Point(
                    "report",
                    (
                        er("We will tell you **before** the report is shared."),
                        er("The report will not give real names."),
                    ),
                ),
            ),
        ),
        CONTACT,
    ),
)
