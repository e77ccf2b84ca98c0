"""The easy-read leaflet for a Local Child Safeguarding Practice Review (England, 2023)."""

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

LCSPR_2023 = EasyRead(
    title=er("Child Safeguarding Practice Review"),
    subtitle=er("Information for families. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a **Local Child Safeguarding Practice Review**."),
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
                        er("{board} is made up of the council, health services and the police."),
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
            er("What happens first?"),
            (
                Point(
                    "envelope",
                    (
                        er("The council tells a **national panel** of experts."),
                        er("It does this within **5 working days**."),
                        er("Working days are Monday to Friday, but not bank holidays."),
                    ),
                ),
                Point(
                    "clock",
                    (
                        er("Next we look quickly at what happened."),
                        er("This is called a **rapid review**."),
                        er("It takes up to **15 working days**."),
                    ),
                ),
                Point(
                    "checklist",
                    (
                        er("Then we decide if we need a full review."),
                        er("Sometimes the national panel does the review instead."),
                    ),
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
                        er("But you can tell us what you think, if you want to."),
                        er("The reviewer can help you do this."),
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
                        er("We will put the report on our website."),
                        er("We do this within **{months} months** of deciding to do the review."),
                    ),
                ),
                Point(
                    "report",
                    (
                        er("We will tell you **before** the report goes on our website."),
                        er("We will talk with you about what the report says."),
                    ),
                ),
                NO_NAMES,
            ),
        ),
        GETTING_HELP,
        CONTACT,
    ),
)
