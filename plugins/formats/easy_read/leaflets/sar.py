"""The easy-read leaflet for a Safeguarding Adults Review: for the person at the centre of the
review, if they are living, and for their family. It never speaks of a child."""

from __future__ import annotations

from ..content import EasyRead, Part, Point
from .shared import CONTACT, HARD_TIME, NOT_POLICE

SAR = EasyRead(
    title="Safeguarding Adults Review",
    subtitle="Information for you and your family. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Safeguarding Adults Review**.",
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
                        "{board} is made up of the council, the NHS and the police.",
                        "They work together to keep adults safe from harm.",
                    ),
                ),
                Point(
                    "house",
                    (
                        "We do a review when an adult who needs care was badly hurt or died.",
                        "And we think services could have worked together better.",
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        "The review looks at how services helped the person.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        "The review is about **learning**.",
                        "It is not about blaming people.",
                        "We want to make things better for other adults.",
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
                        "A **reviewer** does the review.",
                        "The reviewer does not work for the services they look at.",
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
                        "If the review is about you, we will ask what **you** want.",
                        "Your wishes matter.",
                    ),
                ),
                Point(
                    "heart",
                    (
                        "You can have an **advocate**.",
                        "An advocate is someone who helps you say what you want.",
                    ),
                ),
                Point(
                    "meeting",
                    (
                        "Family and friends can tell the reviewer what they think.",
                        "You do **not** have to take part if you do not want to.",
                    ),
                ),
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
                        "Sometimes only a short version is shared.",
                    ),
                ),
                Point(
                    "padlock",
                    ("The report will **not** give anyone's real name.",),
                ),
            ),
        ),
        CONTACT,
    ),
)
