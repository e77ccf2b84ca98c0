"""The leaflet for the family of an adult whose care is the subject of a Safeguarding Adults
Review, and for the adult themselves where they are living. It speaks of "the person at the centre
of the review", never of a child."""

from __future__ import annotations

from core.plugin_api import Block, Document, LeafletContext, Paragraph, Section

from ..common import (
    contact_paragraphs,
    copy_of_report,
    formats_section,
    guidance_paragraphs,
    longer_if_needed,
    more_info_paragraph,
    not_to_blame,
    nothing_to_do,
    panel_agency_list,
    target_time,
    told_before_publication,
    translators,
)
from ..common.help import local_services

DEFAULT_GUIDANCE_URL = "https://www.gov.uk/government/publications/care-act-statutory-guidance"


def build_leaflet(ctx: LeafletContext) -> Document:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    return Document(
        title=_("Safeguarding Adults Reviews: information for families"),
        locale=ctx.locale,
        board_name=board,
        sections=(
            _board(ctx),
            _what(ctx),
            _why(ctx),
            _who(ctx),
            _your_part(ctx),
            _help(ctx),
            _report(ctx),
            _how_long(ctx),
            _more(ctx),
            formats_section(ctx),
        ),
        summary=_(
            "This leaflet explains what a Safeguarding Adults Review by %(board)s means for you "
            "and your family, and what you can do.",
            board=board,
        ),
        language_name=ctx.language_name,
    )


def _board(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    return Section(
        id="board",
        heading=_("What is %(board)s?", board=board),
        blocks=(
            Paragraph.of(
                _(
                    "%(board)s is the Safeguarding Adults Board. It brings together the council, "
                    "the NHS, the police and other local services that work with adults who need "
                    "care and support.",
                    board=board,
                )
            ),
            Paragraph.of(
                _(
                    "Our aim is to make sure that we all work well together to protect adults "
                    "from abuse and neglect."
                )
            ),
        ),
    )


def _what(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="what",
        heading=_("What is a Safeguarding Adults Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "A Safeguarding Adults Review looks at how local services worked together to "
                    "support the person at the centre of the review."
                )
            ),
            Paragraph.of(
                _(
                    "It looks at what was done well, what could have been done differently, and "
                    "what needs to change so that other adults are better protected."
                )
            ),
            not_to_blame(ctx),
        ),
    )


def _why(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    return Section(
        id="why",
        heading=_("Why is there a review?"),
        blocks=(
            Paragraph.of(
                _(
                    "The law (the Care Act 2014) says that %(board)s must hold a review when an "
                    "adult with care and support needs has died, or has been seriously harmed, "
                    "because of abuse or neglect, and there is concern about how services worked "
                    "together.",
                    board=board,
                )
            ),
            Paragraph.of(
                _(
                    "We can also hold a review in other cases, when we think there is something "
                    "important to learn."
                )
            ),
        ),
    )


def _who(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    agencies = panel_agency_list(ctx)
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "The review is carried out by an independent reviewer. This is someone who does "
                "not work for the board or for any of the services involved."
            )
        )
    ]
    if agencies:
        # NOTE: %(agencies)s is a list of services, already joined, such as
        # "Adult Social Care, Health and Police".
        blocks.append(
            Paragraph.of(
                _(
                    "They work with a group of senior people from services including %(agencies)s.",
                    agencies=agencies,
                )
            )
        )
    else:
        blocks.append(
            Paragraph.of(
                _(
                    "They work with a panel of senior people from the agencies that worked with "
                    "your family."
                )
            )
        )
    blocks.append(
        Paragraph.of(
            _(
                "The reviewer reads the services' records, talks to the staff involved, and "
                "writes a report of what the review found."
            )
        )
    )
    return Section(id="who", heading=_("Who will carry out the review?"), blocks=tuple(blocks))


def _your_part(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    blocks: list[Block] = [
        nothing_to_do(ctx),
        Paragraph.of(
            _(
                "If the review is about you, we will ask what you want from it and how you would "
                "like to take part. Your wishes matter, and we will respect them."
            )
        ),
        Paragraph.of(
            _(
                "If you are a relative or a friend, you can tell the reviewer what happened, what "
                "the person was like, and what you think services should have done."
            )
        ),
        Paragraph.of(
            _(
                "You can meet the reviewer, talk on the phone, or write down your views, "
                "whichever suits you best."
            )
        ),
        *contact_paragraphs(ctx),
    ]
    return Section(id="your-part", heading=_("What will I have to do?"), blocks=tuple(blocks))


def _help(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="help",
        heading=_("Getting help"),
        blocks=(
            Paragraph.of(
                _(
                    "If the person at the centre of the review would find it hard to take part, "
                    "they have a right to an independent advocate under the Care Act. An advocate "
                    "helps them to understand what is happening and to say what they want."
                )
            ),
            Paragraph.of(
                _(
                    "Family members can also ask for an advocate, or bring someone they trust to "
                    "any meeting."
                )
            ),
            Paragraph.of(
                _(
                    "We can arrange an interpreter, and we can write to you in your own language. "
                    "Please tell us if letters are not safe or not right for you, and we will "
                    "find another way to keep in touch."
                )
            ),
            *local_services(ctx),
            Paragraph.of(
                _(
                    "If you are unhappy with how we are doing the review, please tell us. You can "
                    "make a complaint, and we will reply and explain what we will do."
                )
            ),
        ),
    )


def _report(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="report",
        heading=_("Who will see the report?"),
        blocks=(
            Paragraph.of(
                _(
                    "The board decides whether to publish the whole report, a summary of it, or "
                    "only what was learned, in its annual report. We will tell you what we have "
                    "decided, and why."
                )
            ),
            Paragraph.of(
                _(
                    "The report will be anonymised. This means that names, and other details that "
                    "could identify the person at the centre of the review and their family, will "
                    "be left out."
                )
            ),
            copy_of_report(ctx),
            told_before_publication(ctx),
            Paragraph.of(
                _(
                    "Our annual report will say what the review found and what we have done "
                    "about it."
                )
            ),
        ),
    )


def _how_long(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="how-long",
        heading=_("How long will the review take?"),
        blocks=(target_time(ctx), longer_if_needed(ctx)),
    )


def _more(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    guidance = guidance_paragraphs(
        _(
            "Safeguarding Adults Reviews are explained in chapter 14 of the government's "
            "statutory guidance on the Care Act 2014."
        ),
        # NOTE: The title of a government publication, shown as a link. If it has no official
        # translation, keep the English title and add a translation after it in brackets.
        _("Care and support statutory guidance"),
        ctx.tenant.guidance_url or DEFAULT_GUIDANCE_URL,
    )
    more_info = more_info_paragraph(ctx)
    blocks = (*guidance, *((more_info,) if more_info else ()))
    return Section(id="more", heading=_("Where can I find out more?"), blocks=blocks)
