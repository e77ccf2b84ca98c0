"""The easy-read leaflet for a Domestic Abuse Related Death Review, for a bereaved family."""

from __future__ import annotations

from ..content import EasyRead, Part, Point, er
from .shared import CONTACT, POLICE_TOO

DARDR = EasyRead(
    title=er("Domestic Abuse Related Death Review"),
    subtitle=er("Information for families. Easy read."),
    parts=(
        Part(
            er("About this booklet"),
            (
                Point(
                    "booklet",
                    (
                        er("This booklet is from **{board}**."),
                        er("It tells you about a review after someone died."),
                        er("We call it **the review** for short."),
                    ),
                ),
                Point(
                    "heart",
                    (
                        er("We are very sorry that someone close to you died."),
                        er("You can read this with someone you trust."),
                    ),
                ),
            ),
        ),
        Part(
            er("What is the review?"),
            (
                Point(
                    "house",
                    (
                        er(
                            "We do a review when someone may have died because of **domestic abuse**."
                        ),
                        er("Domestic abuse means harm by a partner or family member."),
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        er("The review looks at how services helped the person who died."),
                        er("It looks at what could stop this happening to others."),
                    ),
                ),
                Point(
                    "lightbulb",
                    (
                        er("The review is about **learning**."),
                        er("It is not about blaming people."),
                        er("We want to keep other people safe from domestic abuse."),
                    ),
                ),
            ),
        ),
        Part(
            er("Who does the review?"),
            (
                Point(
                    "reviewer",
                    (
                        er("A **chair** leads the review."),
                        er("The chair does not work for the services they look at."),
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
                        er("But you can tell the chair about the person who died."),
                    ),
                ),
                Point(
                    "meeting",
                    (
                        er("You can have an **advocate**. It is free."),
                        er("An advocate helps you through the review."),
                    ),
                ),
                Point(
                    "computer",
                    (
                        er("**AAFDA** is a charity that helps families like yours."),
                        er("Their website is aafda.org.uk"),
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
                        er("We try to finish the review in **{months} months**."),
                        er("If it takes longer, we will tell you why."),
                    ),
                ),
                Point(
                    "checklist",
                    (
                        er("The **Home Office** checks the report first."),
                        er("It goes on our website only when they agree."),
                    ),
                ),
                Point(
                    "report",
                    (
                        er("We will tell you **before** anyone else sees it."),
                        er("The report will not give real names."),
                    ),
                ),
            ),
        ),
        CONTACT,
    ),
)
