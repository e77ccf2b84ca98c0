"""Points every version of the easy-read leaflet shares: feelings, learning not blame, contact."""

from __future__ import annotations

from ..content import Part, Point

HARD_TIME = Point(
    "heart",
    (
        "We know this is a very hard time for you.",
        "You can read this with someone you trust.",
    ),
)
NOT_BLAME = Point(
    "lightbulb",
    (
        "The review is about **learning**.",
        "It is not about blaming people.",
        "We want to make things better for other children.",
    ),
)
NOT_POLICE = Point(
    "police-not",
    (
        "The review is **not** a police investigation.",
        "It does not decide if someone broke the law.",
    ),
)
POLICE_TOO = Point(
    "police",
    (
        "Sometimes the police are also looking at what happened.",
        "Then we may have to wait before we talk to some people.",
    ),
)
NO_NAMES = Point(
    "padlock",
    (
        "The report will **not** give the names of the child or the family.",
        "It will not say anything that could hurt other children.",
    ),
)
HARMED = Point(
    "house",
    (
        "We do a review when a child has died or been badly hurt.",
        "And we know or think the child was abused or not looked after properly.",
    ),
)
ASK = Point(
    "question",
    (
        "Do you have a question?",
        "Would you like this in a different way?",
        "For example large print, audio or another language.",
    ),
)
PHONE = Point("phone", ("You can phone {who}:", "{phone}"), needs=("phone",))
EMAIL = Point("envelope", ("Or you can send an email to:", "{email}"), needs=("email",))
GETTING_HELP = Part(
    "Getting help",
    (
        Point(
            "talking",
            (
                "You can have an **advocate** to help you say what you think.",
                "You can have an **interpreter**. It is free.",
                "Ask us and we will find one for you.",
            ),
        ),
        Point(
            "heart",
            (
                "Are you finding things hard? Ask us about people who can help you.",
                "Are you unhappy with the review? You can **complain** to {board}.",
                "We will write back to you.",
            ),
        ),
    ),
)
CONTACT = Part("Questions and help", (ASK, PHONE, EMAIL))
