"""The easy-read leaflet for a Serious Case Review (England, Working Together 2015)."""

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

SCR_2015 = EasyRead(
    title=er("Serious Case Review"),
    subtitle=er("Information for families. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a **Serious Case Review**."),
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            er("What is a Serious Case Review?"),
            (
                Point(
                    "meeting",
                    (
                        er("{board} is a group of people from different services."),
                        er("They work together to keep children safe."),
                    ),
                ),
                HARMED,
                Point(
                    "magnifier",
                    (
                        er("The review looks at how services worked with the child."),
                        er("It may look at brothers and sisters too."),
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
                        er("A group of senior people does the review."),
                        er("They come from {agencies}."),
                        er("A **Lead Reviewer** is in charge of the review."),
                    ),
                ),
            ),
        ),
        Part(
            er("What do you have to do?"),
            (
                Point(
                    "talking",
                    (
                        er("You do **not** have to do anything."),
                        er("But you can tell us what you think, if you want to."),
                        er("The Lead Reviewer can help you do this."),
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
                        er("The review group writes a report."),
                        er("We will tell you **before** we put the report on our website."),
                    ),
                ),
                NO_NAMES,
                Point(
                    "meeting",
                    (
                        er("The Lead Reviewer will meet you to talk about the report."),
                        er("We will try to give you a copy."),
                    ),
                ),
            ),
        ),
        Part(
            er("How long does it take?"),
            (
                Point(
                    "calendar",
                    (
                        er("We try to finish the review in **{months} months**."),
                        er("Sometimes it takes longer."),
                        er("If it does, we will tell you why."),
                    ),
                ),
            ),
        ),
        GETTING_HELP,
        CONTACT,
    ),
)
