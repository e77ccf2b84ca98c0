"""The leaflet for a family bereaved by domestic abuse, about the Domestic Abuse Related Death
Review the community safety partnership holds: what it is, the family's right to a specialist
advocate, the Home Office's check before publication, and how the family is told first."""

from __future__ import annotations

from core.plugin_api import Block, Document, LeafletContext, Link, Paragraph, Section

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
    translators,
)
from ..common.help import local_services

DEFAULT_GUIDANCE_URL = (
    "https://www.gov.uk/government/publications/"
    "revised-statutory-guidance-for-the-conduct-of-domestic-homicide-reviews"
)
AAFDA_URL = "https://aafda.org.uk"


def build_leaflet(ctx: LeafletContext) -> Document:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    return Document(
        title=_("Domestic Abuse Related Death Reviews: information for families"),
        locale=ctx.locale,
        board_name=board,
        sections=(
            _sorry(ctx),
            _what(ctx),
            _who(ctx),
            _your_part(ctx),
            _help(ctx),
            _report(ctx),
            _how_long(ctx),
            _more(ctx),
            formats_section(ctx),
        ),
        summary=_(
            "This leaflet explains the review that %(board)s is holding after the death of "
            "someone close to you, and what you can do.",
            board=board,
        ),
        language_name=ctx.language_name,
    )


def _sorry(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    return Section(
        id="board",
        heading=_("About %(board)s", board=board),
        blocks=(
            Paragraph.of(_("We are very sorry for your loss.")),
            Paragraph.of(
                _(
                    "%(board)s is the community safety partnership for this area. It brings "
                    "together the council, the police, health services, probation and other "
                    "local services.",
                    board=board,
                )
            ),
        ),
    )


def _what(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="what",
        heading=_("What is a Domestic Abuse Related Death Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "When a person aged 16 or over dies, and their death seems to have been "
                    "caused by violence, abuse or neglect by a partner, a relative or someone they "
                    "lived with, the law says there must be a review."
                )
            ),
            Paragraph.of(
                _(
                    "These reviews used to be called Domestic Homicide Reviews. The review looks "
                    "at how services were involved with the person who died and with their "
                    "family, and what could be done differently to prevent other deaths."
                )
            ),
            not_to_blame(ctx),
            Paragraph.of(
                _(
                    "We decide whether to hold a review within a month of hearing about the "
                    "death, and we tell the Home Office of our decision."
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
                "The review is led by an independent chair. The chair does not work for any of "
                "the services involved, and writes the report."
            )
        )
    ]
    if agencies:
        # NOTE: %(agencies)s is a list of services, already joined, such as
        # "Health, Police and Probation".
        blocks.append(
            Paragraph.of(
                _(
                    "The chair works with a panel of people from services including %(agencies)s.",
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
                "But you knew the person who died better than anyone. If you would like to, you "
                "can help the review to understand their life, and what happened."
            )
        ),
        Paragraph.of(
            _(
                "You can meet the chair, help to decide what the review looks at, and read the "
                "report before it is finished, with time to say what you think."
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
    return Section(id="your-part", heading=_("What can I do?"), blocks=tuple(blocks))


def _help(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="help",
        heading=_("Getting help"),
        blocks=(
            Paragraph.of(
                _(
                    "You have a right to a specialist advocate, free of charge. An advocate "
                    "supports you through the review, and helps you to be heard. We will offer "
                    "you one when we first contact you, and you can take your time to decide."
                )
            ),
            Paragraph.of(
                _(
                    "Advocacy After Fatal Domestic Abuse (AAFDA) is a charity that supports "
                    "families through these reviews:"
                ),
                " ",
                Link("aafda.org.uk", AAFDA_URL),
            ),
            Paragraph.of(
                _(
                    "We can arrange an interpreter. Please tell us if letters are not safe or not "
                    "right for you, and we will find another way to keep in touch."
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
                    "Before the report can be published, a Quality Assurance Panel at the Home "
                    "Office reads it. The panel may ask for changes, and the report is published "
                    "only after the panel approves it."
                )
            ),
            Paragraph.of(
                _(
                    "The report will be anonymised, so that the people in it cannot be "
                    "identified. You can choose the name that is used for the person who died."
                )
            ),
            Paragraph.of(
                _(
                    "We will tell you before the report is published, and before anyone else "
                    "sees it."
                )
            ),
            copy_of_report(ctx),
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
            "These reviews are explained in the Home Office's statutory guidance, which every "
            "service taking part must follow."
        ),
        # NOTE: The title of a government publication, shown as a link. If it has no official
        # translation, keep the English title and add a translation after it in brackets.
        _("Home Office guidance on Domestic Homicide Reviews"),
        ctx.tenant.guidance_url or DEFAULT_GUIDANCE_URL,
    )
    more_info = more_info_paragraph(ctx)
    blocks = (*guidance, *((more_info,) if more_info else ()))
    return Section(id="more", heading=_("Where can I find out more?"), blocks=blocks)
