"""The easy-read leaflet for a Serious Case Review (England, Working Together 2015)."""

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

SCR_2015 = EasyRead(
    title="Serious Case Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Serious Case Review**.",
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            "What is a Serious Case Review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of people from different services.",
                        "They work together to keep children safe.",
                    ),
                ),
                HARMED,
                Point(
                    "magnifier",
                    (
                        "The review looks at how services worked with the child.",
                        "It may look at brothers and sisters too.",
                    ),
                ),
                NOT_BLAME,
                NOT_POLICE,
            ),
        ),
        Part(
            "Who does the review?",
            (
                Point(
                    "reviewer",
                    (
                        "A group of senior people does the review.",
                        "They come from {agencies}.",
                        "A **Lead Reviewer** is in charge of the review.",
                    ),
                ),
            ),
        ),
        Part(
            "What do you have to do?",
            (
                Point(
                    "talking",
                    (
                        "You do **not** have to do anything.",
                        "But you can tell us what you think, if you want to.",
                        "The Lead Reviewer can help you do this.",
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
                        "The review group writes a report.",
                        "We will tell you **before** we put the report on our website.",
                    ),
                ),
                NO_NAMES,
                Point(
                    "meeting",
                    (
                        "The Lead Reviewer will meet you to talk about the report.",
                        "We will try to give you a copy.",
                    ),
                ),
            ),
        ),
        Part(
            "How long does it take?",
            (
                Point(
                    "calendar",
                    (
                        "We try to finish the review in **{months} months**.",
                        "Sometimes it takes longer.",
                        "If it does, we will tell you why.",
                    ),
                ),
            ),
        ),
        GETTING_HELP,
        CONTACT,
    ),
)
