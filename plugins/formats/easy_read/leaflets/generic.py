"""The easy-read leaflet for a board whose framework has no version of its own."""

from __future__ import annotations

from ..content import EasyRead, Part, Point, er
from .shared import CONTACT, GETTING_HELP, HARD_TIME, NOT_POLICE, POLICE_TOO

GENERIC = EasyRead(
    title=er("Case Review"),
    subtitle=er("Information for families. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a **case review**."),
                    ),
                ),
                HARD_TIME,
            ),
        ),
        Part(
            er("What is a case review?"),
            (
                Point(
                    "meeting",
                    (
                        er("{board} is a group of different services."),
                        er("They work together to keep people safe."),
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        er("A case review looks at how services worked with a person and family."),
                        er("It looks at what went well and what could be better."),
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        er("The review is about **learning**."),
                        er("It is not about blaming people."),
                        er("We want to make things better for other people."),
                    ),
                ),
                NOT_POLICE,
            ),
        ),
        Part(
            er("What about you?"),
            (
                Point(
                    "talking",
                    (
                        er("You do **not** have to do anything."),
                        er("But you can tell us what you think, if you want to."),
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
                        er("The review ends with a report."),
                        er("We will tell you **before** other people can read it."),
                    ),
                ),
                Point(
                    "padlock",
                    (
                        er("The report will **not** give the names of the family."),
                        er("It will not say anything that could hurt other people."),
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
