"""Points every version of the easy-read leaflet shares: feelings, learning not blame, contact."""

from __future__ import annotations

from ..content import Part, Point, er

HARD_TIME = Point(
    "heart",
    (
        er("We know this is a very hard time for you."),
        er("You can read this with someone you trust."),
    ),
)
NOT_BLAME = Point(
    "lightbulb",
    (
        er("The review is about **learning**."),
        er("It is not about blaming people."),
        er("We want to make things better for other children."),
    ),
)
NOT_POLICE = Point(
    "police-not",
    (
        er("The review is **not** a police investigation."),
        er("It does not decide if someone broke the law."),
    ),
)
POLICE_TOO = Point(
    "police",
    (
        er("Sometimes the police are also looking at what happened."),
        er("Then we may have to wait before we talk to some people."),
    ),
)
NO_NAMES = Point(
    "padlock",
    (
        er("The report will **not** give the names of the child or the family."),
        er("It will not say anything that could hurt other children."),
    ),
)
HARMED = Point(
    "house",
    (
        er("We do a review when a child has died or been badly hurt."),
        er("And we know or think the child was abused or not looked after properly."),
    ),
)
ASK = Point(
    "question",
    (
        er("Do you have a question?"),
        er("Would you like this in a different way?"),
        er("For example large print, audio or another language."),
    ),
)
PHONE = Point("phone", (er("You can phone {who}:"), er("{phone}")), needs=("phone",))
EMAIL = Point("envelope", (er("Or you can send an email to:"), er("{email}")), needs=("email",))
GETTING_HELP = Part(
    er("Getting help"),
    (
        Point(
            "talking",
            (
                er("You can have an **advocate** to help you say what you think."),
                er("You can have an **interpreter**. It is free."),
                er("Ask us and we will find one for you."),
            ),
        ),
        Point(
            "heart",
            (
                er("Are you finding things hard? Ask us about people who can help you."),
                er("Are you unhappy with the review? You can **complain** to {board}."),
                er("We will write back to you."),
            ),
        ),
    ),
)
CONTACT = Part(er("Questions and help"), (ASK, PHONE, EMAIL))
