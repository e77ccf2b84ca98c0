"""The easy-read leaflet for a Child Practice Review (Wales)."""

from __future__ import annotations

from ..content import EasyRead, Part, Point, er
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
    title=er("Child Practice Review"),
    subtitle=er("Information for families. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a **Child Practice Review**."),
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            er("What is a Child Practice Review?"),
            (
                Point(
                    "meeting",
                    (
                        er("{board} is a group of services in Wales."),
                        er("They work together to keep children safe."),
                    ),
                ),
                HARMED,
                Point(
                    "magnifier",
                    (
                        er("The review looks at how services worked with the child and family."),
                        er("It looks at what went well and what could be better."),
                    ),
                ),
                NOT_BLAME,
                NOT_POLICE,
            ),
        ),
        Part(
            er("Who does the review?"),
            (
                Point(
                    "reviewer",
                    (
                        er("**Reviewers** do the review."),
                        er("They do not work for the services they look at."),
                    ),
                ),
            ),
        ),
        Part(
            er("Meeting you"),
            (
                Point(
                    "talking",
                    (
                        er("The reviewers would like to **meet you**."),
                        er("You can tell them what you think."),
                        er("You do not have to meet them if you do not want to."),
                    ),
                ),
                POLICE_TOO,
            ),
        ),
        Part(
            er("The report"),
            (
                Point(
                    "report",
                    (
                        er("The reviewers write a report."),
                        er("We will tell you **before** other people can read it."),
                    ),
                ),
                NO_NAMES,
                Point(
                    "computer",
                    (
                        er("The report goes on a website for all of Wales."),
                        er("It is called the **Wales Safeguarding Repository**."),
                    ),
                ),
                Point(
                    "calendar",
                    (
                        er("We will tell you how long the review will take."),
                        er("If it takes longer, we will tell you why."),
                    ),
                ),
            ),
        ),
        GETTING_HELP,
        CONTACT,
    ),
)
