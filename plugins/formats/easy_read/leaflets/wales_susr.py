"""The easy-read leaflet for a Single Unified Safeguarding Review (Wales), child or adult."""

from __future__ import annotations

from ..content import EasyRead, Part, Point
from .shared import CONTACT, HARD_TIME, NOT_POLICE, POLICE_TOO

WALES_SUSR = EasyRead(
    title="Single Unified Safeguarding Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **safeguarding review** in Wales.",
                        "We call it **the review** for short.",
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            "What is the review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of services in Wales.",
                        "They work together to keep children and adults safe.",
                    ),
                ),
                Point(
                    "house",
                    (
                        "We do a review when someone has died or been badly hurt.",
                        "And services may need to learn from what happened.",
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        "The review looks at how services worked with the person and family.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        "The review is about **learning**.",
                        "It is not about blaming people.",
                        "We want to make things better for other children and adults.",
                    ),
                ),
                NOT_POLICE,
            ),
        ),
        Part(
            "Who does the review?",
            (
                Point(
                    "reviewer",
                    (
                        "A **chair** and **reviewers** do the review.",
                        "They do not work for the services they look at.",
                    ),
                ),
                Point(
                    "envelope",
                    ("We tell the **Welsh Government** about every review.",),
                ),
            ),
        ),
        Part(
            "What about you?",
            (
                Point(
                    "talking",
                    (
                        "You do **not** have to do anything.",
                        "But you can meet the reviewers and tell them what you think.",
                        "You can talk to us in Welsh or English.",
                    ),
                ),
                POLICE_TOO,
            ),
        ),
        Part(
            "The report",
            (
                Point(
                    "calendar",
                    (
                        "We try to finish the review in **{months} months**.",
                        "If it takes longer, we will tell you why.",
                    ),
                ),
                Point(
                    "report",
                    (
                        "We will tell you **before** the report is shared.",
                        "The report will not give real names.",
                    ),
                ),
            ),
        ),
        CONTACT,
    ),
)
