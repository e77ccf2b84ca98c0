"""The easy-read leaflet for a Domestic Abuse Related Death Review, for a bereaved family."""

from __future__ import annotations

from ..content import EasyRead, Part, Point
from .shared import CONTACT, POLICE_TOO

DARDR = EasyRead(
    title="Domestic Abuse Related Death Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a review after someone died.",
                        "We call it **the review** for short.",
                    ),
                ),
                Point(
                    "heart",
                    (
                        "We are very sorry that someone close to you died.",
                        "You can read this with someone you trust.",
                    ),
                ),
            ),
        ),
        Part(
            "What is the review?",
            (
                Point(
                    "house",
                    (
                        "We do a review when someone may have died because of **domestic abuse**.",
                        "Domestic abuse means harm by a partner or family member.",
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        "The review looks at how services helped the person who died.",
                        "It looks at what could stop this happening to others.",
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        "The review is about **learning**.",
                        "It is not about blaming people.",
                        "We want to keep other people safe from domestic abuse.",
                    ),
                ),
            ),
        ),
        Part(
            "Who does the review?",
            (
                Point(
                    "reviewer",
                    (
                        "A **chair** leads the review.",
                        "The chair does not work for the services they look at.",
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
                        "But you can tell the chair about the person who died.",
                    ),
                ),
                Point(
                    "meeting",
                    (
                        "You can have an **advocate**. It is free.",
                        "An advocate helps you through the review.",
                    ),
                ),
                Point(
                    "computer",
                    (
                        "**AAFDA** is a charity that helps families like yours.",
                        "Their website is aafda.org.uk",
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
                        "We try to finish the review in **{months} months**.",
                        "If it takes longer, we will tell you why.",
                    ),
                ),
                Point(
                    "checklist",
                    (
                        "The **Home Office** checks the report first.",
                        "It goes on our website only when they agree.",
                    ),
                ),
                Point(
                    "report",
                    (
                        "We will tell you **before** anyone else sees it.",
                        "The report will not give real names.",
                    ),
                ),
            ),
        ),
        CONTACT,
    ),
)
