"""What the easy-read leaflet says for each review framework, written as data (see `content.py`).

Plain English for families who find reading hard: short sentences, one idea a line, everyday words,
and a hard word explained where it is first used.
"""

from __future__ import annotations

from core.plugin_api import TenantView

from .content import EasyRead, FilledEasyRead, Part, Point, fill

_HARD_TIME = Point(
    "heart",
    (
        "We know this is a very hard time for you.",
        "You can read this with someone you trust.",
    ),
)
_NOT_BLAME = Point(
    "lightbulb",
    (
        "The review is about **learning**.",
        "It is not about blaming people.",
        "We want to make things better for other children.",
    ),
)
_NOT_POLICE = Point(
    "police-not",
    (
        "The review is **not** a police investigation.",
        "It does not decide if someone broke the law.",
    ),
)
_POLICE_TOO = Point(
    "police",
    (
        "Sometimes the police are also looking at what happened.",
        "Then we may have to wait before we talk to some people.",
    ),
)
_NO_NAMES = Point(
    "padlock",
    (
        "The report will **not** give the names of the child or the family.",
        "It will not say anything that could hurt other children.",
    ),
)
_HARMED = Point(
    "house",
    (
        "We do a review when a child has died or been badly hurt.",
        "And we know or think the child was abused or not looked after properly.",
    ),
)
_ASK = Point(
    "question",
    (
        "Do you have a question?",
        "Would you like this in a different way?",
        "For example large print, audio or another language.",
    ),
)
_PHONE = Point("phone", ("You can phone {who}:", "{phone}"), needs=("phone",))
_EMAIL = Point("envelope", ("Or you can send an email to:", "{email}"), needs=("email",))
_CONTACT = Part("Questions and help", (_ASK, _PHONE, _EMAIL))


SCR_2015 = EasyRead(
    title="Serious Case Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Serious Case Review**.",
                    ),
                ),
                _HARD_TIME,
            ),
        ),
        Part(
            "What is a Serious Case Review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of people from different services.",
                        "They work together to keep children safe.",
                    ),
                ),
                _HARMED,
                Point(
                    "magnifier",
                    (
                        "The review looks at how services worked with the child.",
                        "It may look at brothers and sisters too.",
                    ),
                ),
                _NOT_BLAME,
                _NOT_POLICE,
            ),
        ),
        Part(
            "Who does the review?",
            (
                Point(
                    "reviewer",
                    (
                        "A group of senior people does the review.",
                        "They come from {agencies}.",
                        "A **Lead Reviewer** is in charge of the review.",
                    ),
                ),
            ),
        ),
        Part(
            "What do you have to do?",
            (
                Point(
                    "talking",
                    (
                        "You do **not** have to do anything.",
                        "But you can tell us what you think, if you want to.",
                        "The Lead Reviewer can help you do this.",
                    ),
                ),
                _POLICE_TOO,
            ),
        ),
        Part(
            "The report",
            (
                Point(
                    "report",
                    (
                        "The review group writes a report.",
                        "We will tell you **before** we put the report on our website.",
                    ),
                ),
                _NO_NAMES,
                Point(
                    "meeting",
                    (
                        "The Lead Reviewer will meet you to talk about the report.",
                        "We will try to give you a copy.",
                    ),
                ),
            ),
        ),
        Part(
            "How long does it take?",
            (
                Point(
                    "calendar",
                    (
                        "We try to finish the review in **{months} months**.",
                        "Sometimes it takes longer.",
                        "If it does, we will tell you why.",
                    ),
                ),
            ),
        ),
        _CONTACT,
    ),
)


LCSPR_2023 = EasyRead(
    title="Child Safeguarding Practice Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Local Child Safeguarding Practice Review**.",
                        "We call it **the review** for short.",
                    ),
                ),
                _HARD_TIME,
            ),
        ),
        Part(
            "What is the review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is made up of the council, health services and the police.",
                        "They work together to keep children safe.",
                    ),
                ),
                _HARMED,
                Point(
                    "magnifier",
                    (
                        "The review looks at how services worked with the child and family.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                _NOT_BLAME,
                _NOT_POLICE,
            ),
        ),
        Part(
            "What happens first?",
            (
                Point(
                    "envelope",
                    (
                        "The council tells a **national panel** of experts.",
                        "It does this within **5 working days**.",
                        "Working days are Monday to Friday, but not bank holidays.",
                    ),
                ),
                Point(
                    "clock",
                    (
                        "Next we look quickly at what happened.",
                        "This is called a **rapid review**.",
                        "It takes up to **15 working days**.",
                    ),
                ),
                Point(
                    "checklist",
                    (
                        "Then we decide if we need a full review.",
                        "Sometimes the national panel does the review instead.",
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
                        "But you can tell us what you think, if you want to.",
                        "The reviewer can help you do this.",
                    ),
                ),
                _POLICE_TOO,
            ),
        ),
        Part(
            "The report",
            (
                Point(
                    "calendar",
                    (
                        "We will put the report on our website.",
                        "We do this within **{months} months** of deciding to do the review.",
                    ),
                ),
                Point(
                    "report",
                    (
                        "We will tell you **before** the report goes on our website.",
                        "We will talk with you about what the report says.",
                    ),
                ),
                _NO_NAMES,
            ),
        ),
        _CONTACT,
    ),
)


WALES_CPR = EasyRead(
    title="Child Practice Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **Child Practice Review**.",
                    ),
                ),
                _HARD_TIME,
            ),
        ),
        Part(
            "What is a Child Practice Review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of services in Wales.",
                        "They work together to keep children safe.",
                    ),
                ),
                _HARMED,
                Point(
                    "magnifier",
                    (
                        "The review looks at how services worked with the child and family.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                _NOT_BLAME,
                _NOT_POLICE,
            ),
        ),
        Part(
            "Who does the review?",
            (
                Point(
                    "reviewer",
                    (
                        "**Reviewers** do the review.",
                        "They do not work for the services they look at.",
                    ),
                ),
            ),
        ),
        Part(
            "Meeting you",
            (
                Point(
                    "talking",
                    (
                        "The reviewers would like to **meet you**.",
                        "You can tell them what you think.",
                        "You do not have to meet them if you do not want to.",
                    ),
                ),
                _POLICE_TOO,
            ),
        ),
        Part(
            "The report",
            (
                Point(
                    "report",
                    (
                        "The reviewers write a report.",
                        "We will tell you **before** other people can read it.",
                    ),
                ),
                _NO_NAMES,
                Point(
                    "computer",
                    (
                        "The report goes on a website for all of Wales.",
                        "It is called the **Wales Safeguarding Repository**.",
                    ),
                ),
                Point(
                    "calendar",
                    (
                        "We will tell you how long the review will take.",
                        "If it takes longer, we will tell you why.",
                    ),
                ),
            ),
        ),
        _CONTACT,
    ),
)


GENERIC = EasyRead(
    title="Case Review",
    subtitle="Information for families. Easy read.",
    parts=(
        Part(
            "About this booklet",
            (
                Point(
                    "booklet",
                    (
                        "This booklet is from **{board}**.",
                        "It tells you about a **case review**.",
                    ),
                ),
                _HARD_TIME,
            ),
        ),
        Part(
            "What is a case review?",
            (
                Point(
                    "meeting",
                    (
                        "{board} is a group of different services.",
                        "They work together to keep people safe.",
                    ),
                ),
                Point(
                    "magnifier",
                    (
                        "A case review looks at how services worked with a person and family.",
                        "It looks at what went well and what could be better.",
                    ),
                ),
                _NOT_BLAME,
                _NOT_POLICE,
            ),
        ),
        Part(
            "What about you?",
            (
                Point(
                    "talking",
                    (
                        "You do **not** have to do anything.",
                        "But you can tell us what you think, if you want to.",
                    ),
                ),
                _POLICE_TOO,
            ),
        ),
        Part(
            "The report",
            (
                Point(
                    "report",
                    (
                        "The review ends with a report.",
                        "We will tell you **before** other people can read it.",
                    ),
                ),
                Point(
                    "padlock",
                    (
                        "The report will **not** give the names of the family.",
                        "It will not say anything that could hurt other people.",
                    ),
                ),
                Point(
                    "calendar",
                    (
                        "We will tell you how long the review will take.",
                        "If it takes longer, we will tell you why.",
                    ),
                ),
            ),
        ),
        _CONTACT,
    ),
)


BY_FRAMEWORK: dict[str, EasyRead] = {
    "scr-2015": SCR_2015,
    "lcspr-2023": LCSPR_2023,
    "wales-cpr": WALES_CPR,
}


def easy_read_for(tenant: TenantView) -> FilledEasyRead:
    """The easy-read leaflet for a board's framework, or the generic one if we have none for it."""
    return fill(BY_FRAMEWORK.get(tenant.framework, GENERIC), tenant)
