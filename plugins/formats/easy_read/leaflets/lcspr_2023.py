"""The easy-read leaflet for a Local Child Safeguarding Practice Review (England, 2023)."""

from __future__ import annotations

from ..content import EasyRead, Part, Point
from .shared import (
    CONTACT,
    GETTING_HELP,
    HARD_TIME,
    HARMED,
    NO_NAMES,
    NOT_BLAME,
    NOT_POLICE,
    POLICE_TOO,
)

LCSPR_2023 = EasyRead(
    title="Child Safeguarding Practice Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Local Child Safeguarding Practice Review**.",
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
                        "{board} is made up of the council, health services and the police.",
                        "They work together to keep children safe.",
                    ),
                ),
                HARMED,
                Point(
                    "magnifier",
                    (
                        "The review looks at how services worked with the child and family.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                NOT_BLAME,
                NOT_POLICE,
            ),
        ),
        Part(
            "What happens first?",
            (
                Point(
                    "envelope",
                    (
                        "The council tells a **national panel** of experts.",
                        "It does this within **5 working days**.",
                        "Working days are Monday to Friday, but not bank holidays.",
                    ),
                ),
                Point(
                    "clock",
                    (
                        "Next we look quickly at what happened.",
                        "This is called a **rapid review**.",
                        "It takes up to **15 working days**.",
                    ),
                ),
                Point(
                    "checklist",
                    (
                        "Then we decide if we need a full review.",
                        "Sometimes the national panel does the review instead.",
                    ),
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
                        "But you can tell us what you think, if you want to.",
                        "The reviewer can help you do this.",
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
                        "We will put the report on our website.",
                        "We do this within **{months} months** of deciding to do the review.",
                    ),
                ),
                Point(
                    "report",
                    (
                        "We will tell you **before** the report goes on our website.",
                        "We will talk with you about what the report says.",
                    ),
                ),
                NO_NAMES,
            ),
        ),
        GETTING_HELP,
        CONTACT,
    ),
)
