"""The easy-read leaflet for a Child Practice Review (Wales)."""

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

WALES_CPR = EasyRead(
    title="Child Practice Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Child Practice Review**.",
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            "What is a Child Practice Review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of services in Wales.",
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
            "Who does the review?",
            (
                Point(
                    "reviewer",
                    (
                        "**Reviewers** do the review.",
                        "They do not work for the services they look at.",
                    ),
                ),
            ),
        ),
        Part(
            "Meeting you",
            (
                Point(
                    "talking",
                    (
                        "The reviewers would like to **meet you**.",
                        "You can tell them what you think.",
                        "You do not have to meet them if you do not want to.",
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
                        "The reviewers write a report.",
                        "We will tell you **before** other people can read it.",
                    ),
                ),
                NO_NAMES,
                Point(
                    "computer",
                    (
                        "The report goes on a website for all of Wales.",
                        "It is called the **Wales Safeguarding Repository**.",
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
