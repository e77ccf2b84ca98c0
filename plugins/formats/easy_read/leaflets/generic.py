"""The easy-read leaflet for a board whose framework has no version of its own."""

from __future__ import annotations

from ..content import EasyRead, Part, Point
from .shared import CONTACT, GETTING_HELP, HARD_TIME, NOT_POLICE, POLICE_TOO

GENERIC = EasyRead(
    title="Case Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **case review**.",
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            "What is a case review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of different services.",
                        "They work together to keep people safe.",
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        "A case review looks at how services worked with a person and family.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        "The review is about **learning**.",
                        "It is not about blaming people.",
                        "We want to make things better for other people.",
                    ),
                ),
                NOT_POLICE,
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
                    ),
                ),
                POLICE_TOO,
            ),
        ),
        Part(
            "The report",
            (
                Point(
                    "report",
                    (
                        "The review ends with a report.",
                        "We will tell you **before** other people can read it.",
                    ),
                ),
                Point(
                    "padlock",
                    (
                        "The report will **not** give the names of the family.",
                        "It will not say anything that could hurt other people.",
                    ),
                ),
                Point(
                    "calendar",
                    (
                        "We will tell you how long the review will take.",
                        "If it takes longer, we will tell you why.",
                    ),
                ),
            ),
        ),
        GETTING_HELP,
        CONTACT,
    ),
)
