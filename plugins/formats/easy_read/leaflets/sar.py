"""The easy-read leaflet for a Safeguarding Adults Review: for the person at the centre of the
review, if they are living, and for their family. It never speaks of a child."""

from __future__ import annotations

from ..content import EasyRead, Part, Point, er
from .shared import CONTACT, HARD_TIME, NOT_POLICE

SAR = EasyRead(
    title=er("Safeguarding Adults Review"),
    subtitle=er("Information for you and your family. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a **Safeguarding Adults Review**."),
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
                        er("{board} is made up of the council, the NHS and the police."),
                        er("They work together to keep adults safe from harm."),
                    ),
                ),
                Point(
                    "house",
                    (
                        er("We do a review when an adult who needs care was badly hurt or died."),
                        er("And we think services could have worked together better."),
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        er("The review looks at how services helped the person."),
                        er("It looks at what went well and what could be better."),
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        er("The review is about **learning**."),
                        er("It is not about blaming people."),
                        er("We want to make things better for other adults."),
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
                        er("A **reviewer** does the review."),
                        er("The reviewer does not work for the services they look at."),
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
                        er("If the review is about you, we will ask what **you** want."),
                        er("Your wishes matter."),
                    ),
                ),
                Point(
                    "heart",
                    (
                        er("You can have an **advocate**."),
                        er("An advocate is someone who helps you say what you want."),
                    ),
                ),
                Point(
                    "meeting",
                    (
                        er("Family and friends can tell the reviewer what they think."),
                        er("You do **not** have to take part if you do not want to."),
                    ),
                ),
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
                        er("Sometimes only a short version is shared."),
                    ),
                ),
                Point(
                    "padlock",
                    (er("The report will **not** give anyone's real name."),),
                ),
            ),
        ),
        CONTACT,
    ),
)
