"""The leaflet for a family in Wales whose relative is at the centre of a Single Unified
Safeguarding Review, a child or an adult: written to read as well in Welsh as in English."""

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


def build_leaflet(ctx: LeafletContext) -> Document:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    return Document(
        title=_("Single Unified Safeguarding Reviews: information for families"),
        locale=ctx.locale,
        board_name=board,
        sections=(
            _board(ctx),
            _what(ctx),
            _steps(ctx),
            _who(ctx),
            _your_part(ctx),
            _help(ctx),
            _report(ctx),
            _how_long(ctx),
            _more(ctx),
            formats_section(ctx),
        ),
        summary=_(
            "This leaflet explains what a Single Unified Safeguarding Review by %(board)s means "
            "for you and your family, and what you can do.",
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
                    "%(board)s is the regional safeguarding board. It brings together the "
                    "councils, health services, the police and other services in the region that "
                    "work to protect children and adults.",
                    board=board,
                )
            ),
        ),
    )


def _what(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="what",
        heading=_("What is a Single Unified Safeguarding Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "In Wales, when a child or an adult has died or been seriously harmed, and "
                    "there may be lessons about how services worked together, there is one kind of "
                    "review: a Single Unified Safeguarding Review."
                )
            ),
            Paragraph.of(
                _(
                    "It replaces the separate reviews Wales used to hold, such as child practice "
                    "reviews, adult practice reviews and domestic homicide reviews, so that a "
                    "family goes through one review, not several."
                )
            ),
            Paragraph.of(
                _(
                    "The review looks at how services worked with the person at the centre of the "
                    "review and with their family, and what should change."
                )
            ),
            not_to_blame(ctx),
        ),
    )


def _steps(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="steps",
        heading=_("What happens first?"),
        blocks=(
            Paragraph.of(
                _(
                    "A group of the board, called the case review group, looks at what happened "
                    "and decides whether a review is needed."
                )
            ),
            Paragraph.of(
                _(
                    "The review is either concise or extended. The rules decide which: for "
                    "example, a review is extended when the child was on the child protection "
                    "register or looked after in the six months before."
                )
            ),
            Paragraph.of(_("The Welsh Government is told about every review.")),
        ),
    )


def _who(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    agencies = panel_agency_list(ctx)
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "The review has a chair and reviewers from a national list kept by the Welsh "
                "Government. They are independent of the services involved."
            )
        )
    ]
    if agencies:
        # NOTE: %(agencies)s is a list of services, already joined, such as
        # "Children's Social Care, Health and Police".
        blocks.append(
            Paragraph.of(
                _(
                    "They work with a panel of people from services including %(agencies)s.",
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
    return Section(id="who", heading=_("Who will carry out the review?"), blocks=tuple(blocks))


def _your_part(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    blocks: list[Block] = [
        nothing_to_do(ctx),
        Paragraph.of(
            _(
                "If you would like to, you can meet the chair and reviewers. You can tell them "
                "what happened and what you think, and ask them questions."
            )
        ),
        Paragraph.of(
            _(
                "If the police are investigating, or there is a trial or an inquest, the review "
                "may have to wait before it talks to some people. We will explain what this means "
                "for you."
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
                    "You can talk to us in Welsh or in English, whichever you prefer. We can also "
                    "arrange an interpreter for another language."
                )
            ),
            Paragraph.of(
                _(
                    "You can ask for an advocate, someone independent who helps you to be heard. "
                    "If someone close to you died because of domestic abuse, you can have a "
                    "specialist advocate, such as one from Advocacy After Fatal Domestic Abuse "
                    "(AAFDA)."
                )
            ),
            *local_services(ctx),
            Paragraph.of(
                _(
                    "If you are unhappy with how the review is being done, please tell us. You "
                    "can make a complaint, and we will reply and explain what we will do."
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
                    "The report will be published, in Welsh and in English, so that services "
                    "across Wales can learn from it."
                )
            ),
            Paragraph.of(
                _(
                    "The report will be anonymised. This means that names, and other details that "
                    "could identify the person at the centre of the review and their family, will "
                    "be left out."
                )
            ),
            Paragraph.of(
                _(
                    "Before it is published, the case review group agrees a plan of what services "
                    "will do about the review's findings."
                )
            ),
            Paragraph.of(
                _(
                    "It will also be kept in the Wales Safeguarding Repository, the national "
                    "collection of safeguarding reviews in Wales."
                )
            ),
            copy_of_report(ctx),
            told_before_publication(ctx),
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
            "Single Unified Safeguarding Reviews are explained in guidance from the Welsh Government."
        ),
        # NOTE: Link text for the Welsh Government's guidance, on the board's chosen page.
        _("Welsh Government guidance on Single Unified Safeguarding Reviews"),
        ctx.tenant.guidance_url,
    )
    more_info = more_info_paragraph(ctx)
    blocks = (*guidance, *((more_info,) if more_info else ()))
    return Section(id="more", heading=_("Where can I find out more?"), blocks=blocks)
