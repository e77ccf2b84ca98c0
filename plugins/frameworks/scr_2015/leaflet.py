"""The family leaflet for a Serious Case Review, section by section after the Salford leaflet."""

from __future__ import annotations

from core.plugin_api import Block, Document, LeafletContext, Paragraph, Section

from ..common import (
    anonymised,
    contact_paragraphs,
    copy_of_report,
    formats_section,
    guidance_paragraphs,
    help_section,
    longer_if_needed,
    more_info_paragraph,
    not_to_blame,
    nothing_to_do,
    panel_agency_list,
    police_section,
    target_time,
    told_before_publication,
    translators,
)

# The page on which the government published Working Together; a board may point to another copy.
DEFAULT_GUIDANCE_URL = (
    "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
)


def build_leaflet(ctx: LeafletContext) -> Document:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    sections = (
        _board(ctx),
        _what(ctx),
        _why(ctx),
        _who(ctx),
        _your_part(ctx),
        police_section(ctx),
        _report(ctx),
        _how_long(ctx),
        _more(ctx),
        help_section(ctx),
        formats_section(ctx),
    )
    return Document(
        title=_("Serious Case Reviews: information for families"),
        locale=ctx.locale,
        board_name=board,
        sections=sections,
        summary=_(
            "This leaflet explains what a Serious Case Review by %(board)s means for you and "
            "your family, and what you can do.",
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
                    "%(board)s is a group of senior professionals from different local agencies. "
                    "They provide services for vulnerable children and their families, or are "
                    "responsible for working with them.",
                    board=board,
                )
            ),
            Paragraph.of(
                _("Our aim is to make sure that we all work well together to keep children safe.")
            ),
        ),
    )


def _what(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="what",
        heading=_("What is a Serious Case Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "A Serious Case Review looks at how local professionals and organisations "
                    "worked together to help the child or young person at the centre of the "
                    "review. It may also look at how they are working with other children in the "
                    "immediate family."
                )
            ),
            Paragraph.of(
                _(
                    "The review looks at what was done, what lessons can be learned for the "
                    "future, and what may need to change."
                )
            ),
            not_to_blame(ctx),
        ),
    )


def _why(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="why",
        heading=_("Why is there a Serious Case Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "%(board)s has to carry out a Serious Case Review when a child has died or "
                    "been seriously harmed, and abuse or neglect is known or suspected.",
                    board=ctx.tenant.name,
                )
            ),
            Paragraph.of(_("We may also decide to hold a review in other circumstances.")),
        ),
    )


def _who(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    agencies = panel_agency_list(ctx)
    if agencies:
        # NOTE: %(agencies)s is a list of services, already joined, such as
        # "Children's Social Care, Health and Police".
        panel = _(
            "%(board)s has to appoint a panel of senior people from agencies including "
            "%(agencies)s.",
            board=board,
            agencies=agencies,
        )
    else:
        panel = _(
            "%(board)s has to appoint a panel of senior people from the agencies that worked with "
            "your family.",
            board=board,
        )
    return Section(
        id="who",
        heading=_("Who will carry out the review?"),
        blocks=(
            Paragraph.of(panel),
            Paragraph.of(
                _(
                    "The panel will look at the work these agencies did, or did not do, with your "
                    "family. They want to find out whether there are lessons to be learned, to "
                    "stop this from happening again."
                )
            ),
            Paragraph.of(
                _(
                    "The review is led by a lead reviewer, who is independent of us and of the "
                    "agencies involved."
                )
            ),
            Paragraph.of(
                _(
                    "The panel will meet to look at the information it is given, and will write a "
                    "report called the overview report."
                )
            ),
        ),
    )


def _your_part(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    blocks: list[Block] = [
        nothing_to_do(ctx),
        Paragraph.of(
            _(
                "But if you would like to give your views, we will give you the chance to do so "
                "wherever we can."
            )
        ),
        Paragraph.of(
            _(
                "The lead reviewer can help you to do this, with help from a member of the panel "
                "if needed."
            )
        ),
        *contact_paragraphs(ctx),
    ]
    return Section(id="your-part", heading=_("What will I have to do?"), blocks=tuple(blocks))


def _report(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="report",
        heading=_("Who will see the report?"),
        blocks=(
            Paragraph.of(
                _(
                    "The overview report will be published in full, unless doing so would harm "
                    "other children."
                )
            ),
            anonymised(ctx),
            Paragraph.of(_("We will keep the report on our website for at least 12 months.")),
            copy_of_report(ctx),
            told_before_publication(ctx),
            Paragraph.of(_("The lead reviewer will meet you to talk about what is in the report.")),
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
            "If you want to know more about Serious Case Reviews, you can read chapter 4 of "
            "Working Together to Safeguard Children 2015. This is official guidance for everyone "
            "who works with children in England. It explains how organisations and people "
            "should work together to keep children safe and well."
        ),
        # NOTE: The title of a government publication, shown as a link. If it has no official
        # translation, keep the English title and add a translation after it in brackets.
        _("Working Together to Safeguard Children 2015, chapter 4"),
        ctx.tenant.guidance_url or DEFAULT_GUIDANCE_URL,
    )
    more_info = more_info_paragraph(ctx)
    blocks = (*guidance, *((more_info,) if more_info else ()))
    return Section(id="more", heading=_("Where can I find out more?"), blocks=blocks)
