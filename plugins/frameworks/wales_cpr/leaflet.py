"""The family leaflet for a Child Practice Review in Wales, concise or extended."""

from __future__ import annotations

from core.plugin_api import Block, BulletList, Document, LeafletContext, Paragraph, Section

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


def build_leaflet(ctx: LeafletContext) -> Document:
    _ = translators(ctx)[0]
    board = ctx.tenant.name
    sections = (
        _board(ctx),
        _what(ctx),
        _why(ctx),
        _steps(ctx),
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
        title=_("Child Practice Reviews: information for families"),
        locale=ctx.locale,
        board_name=board,
        sections=sections,
        summary=_(
            "This leaflet explains what a Child Practice Review by %(board)s means for you and "
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
                    "%(board)s is the regional safeguarding board. It brings together senior "
                    "people from the councils, health services, the police and other agencies in "
                    "the region that work with children and families.",
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
        heading=_("What is a Child Practice Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "A Child Practice Review looks at how agencies worked together to help and "
                    "protect the child at the centre of the review. It helps everyone to learn, so "
                    "that they can improve the way they work with children and families."
                )
            ),
            not_to_blame(ctx),
        ),
    )


def _why(ctx: LeafletContext) -> Section:
    """The criteria, and the two kinds of review they lead to."""
    _ = translators(ctx)[0]
    kinds = (
        _(
            "A concise review, when the child was not on the child protection register, and was "
            "not in the care of the council, at any time in the 6 months before."
        ),
        _(
            "An extended review, when the child was on the child protection register, or was in "
            "the care of the council, at some time in the 6 months before."
        ),
    )
    return Section(
        id="why",
        heading=_("Why is there a review?"),
        blocks=(
            Paragraph.of(
                _(
                    "%(board)s holds a Child Practice Review when abuse or neglect of a child is "
                    "known or suspected, and the child has died, has had an injury that put their "
                    "life at risk, or has suffered serious and permanent harm to their health or "
                    "development.",
                    board=ctx.tenant.name,
                )
            ),
            # NOTE: Introduces a list of the two kinds of review.
            Paragraph.of(_("There are two kinds of review:")),
            BulletList(tuple(Paragraph.of(kind) for kind in kinds)),
        ),
    )


def _steps(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="steps",
        heading=_("How is it decided?"),
        blocks=(
            Paragraph.of(
                _(
                    "First, our case review group looks at what happened. The chair of the "
                    "safeguarding board then decides whether to hold a review."
                )
            ),
            Paragraph.of(_("The Welsh Government is told about every Child Practice Review.")),
        ),
    )


def _who(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    agencies = panel_agency_list(ctx)
    if agencies:
        # NOTE: %(agencies)s is a list of services, already joined, such as
        # "Children's Social Care, Health and Police".
        panel = _(
            "Senior people from agencies including %(agencies)s take part in the review.",
            agencies=agencies,
        )
    else:
        panel = _(
            "Senior people from the agencies that worked with your family take part in the review."
        )
    return Section(
        id="who",
        heading=_("Who will carry out the review?"),
        blocks=(
            Paragraph.of(
                _(
                    "The review is led by independent reviewers, with the review's own independent chair. An "
                    "extended review has two reviewers."
                )
            ),
            Paragraph.of(panel),
            Paragraph.of(
                _(
                    "The review will look at the work these agencies did, or did not do, with your "
                    "family, to find out what can be learned."
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
                "If you would like to, you can meet the independent reviewers and the review's chair. You "
                "can tell them what you think, and ask them questions."
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
                    "The report will be published, so that everyone who works with children can "
                    "learn from it."
                )
            ),
            anonymised(ctx),
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
        _("Child Practice Reviews are explained in guidance from the Welsh Government."),
        # NOTE: Link text for the Welsh Government's guidance, on the board's chosen page.
        _("Welsh Government guidance on Child Practice Reviews"),
        ctx.tenant.guidance_url,
    )
    more_info = more_info_paragraph(ctx)
    blocks = (*guidance, *((more_info,) if more_info else ()))
    return Section(id="more", heading=_("Where can I find out more?"), blocks=blocks)
