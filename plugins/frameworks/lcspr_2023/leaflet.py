"""The family leaflet for a Local Child Safeguarding Practice Review under Working Together 2023."""

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
    told_before_publication,
    translators,
)

# The government's page for the current edition of Working Together.
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
        title=_("Local Child Safeguarding Practice Reviews: information for families"),
        locale=ctx.locale,
        board_name=board,
        sections=sections,
        summary=_(
            "This leaflet explains what a Local Child Safeguarding Practice Review by %(board)s "
            "means for you and your family, and what you can do.",
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
                    "%(board)s brings together the local council, the NHS and the police, who "
                    "share the duty to keep children safe in this area. They work closely with "
                    "other services for children and families, such as schools.",
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
        heading=_("What is a Local Child Safeguarding Practice Review?"),
        blocks=(
            Paragraph.of(
                _(
                    "A Local Child Safeguarding Practice Review looks at how professionals and "
                    "organisations worked together to help and protect the child at the centre of "
                    "the review."
                )
            ),
            Paragraph.of(
                _(
                    "It looks at what happened, what can be learned, and what needs to change so "
                    "that children are safer in future."
                )
            ),
            not_to_blame(ctx),
        ),
    )


def _why(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    return Section(
        id="why",
        heading=_("Why is there a review?"),
        blocks=(
            Paragraph.of(
                _(
                    "A review may be held when a child has died or been seriously harmed, and "
                    "abuse or neglect is known or suspected."
                )
            ),
            Paragraph.of(
                _(
                    "We decide whether a local review could help everyone learn, and improve the "
                    "way we all work together to protect children."
                )
            ),
        ),
    )


def _steps(ctx: LeafletContext) -> Section:
    """The statutory first steps: notification, rapid review, and the national Panel's choice."""
    _ = translators(ctx)[0]
    steps = (
        _(
            "The council must tell the national Child Safeguarding Practice Review Panel within 5 "
            "working days of finding out what happened."
        ),
        _(
            "Within 15 working days of telling the national Panel, we hold a rapid review. This "
            "is a first look at the facts, to decide whether a local review is needed."
        ),
        _("The national Panel may decide to carry out a national review instead of a local one."),
    )
    return Section(
        id="steps",
        heading=_("How is it decided?"),
        blocks=(BulletList(tuple(Paragraph.of(step) for step in steps)),),
    )


def _who(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    agencies = panel_agency_list(ctx)
    if agencies:
        # NOTE: %(agencies)s is a list of services, already joined, such as
        # "Children's Social Care, Health and Police".
        with_agencies = _(
            "They will work with senior people from agencies including %(agencies)s.",
            agencies=agencies,
        )
    else:
        with_agencies = _(
            "They will work with senior people from the agencies that worked with your family."
        )
    return Section(
        id="who",
        heading=_("Who will carry out the review?"),
        blocks=(
            Paragraph.of(_("We will appoint one or more reviewers to carry out the review.")),
            Paragraph.of(with_agencies),
            Paragraph.of(
                _(
                    "The review will look at the work these agencies did, or did not do, with your "
                    "family, to find out what can be learned."
                )
            ),
            Paragraph.of(_("We check that the review is done well and on time.")),
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
        Paragraph.of(_("The people carrying out the review can help you to do this.")),
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
                    "The report will be published, so that others can learn from it. It is written "
                    "so that publishing it does not harm any child."
                )
            ),
            anonymised(ctx),
            Paragraph.of(
                _(
                    "If it would not be right to publish the full report, we will publish what "
                    "was learned, and what is being improved, instead."
                )
            ),
            Paragraph.of(_("We will keep what we publish on our website for at least a year.")),
            copy_of_report(ctx),
            told_before_publication(ctx),
        ),
    )


def _how_long(ctx: LeafletContext) -> Section:
    _, ngettext = translators(ctx)
    months = ctx.tenant.target_months
    return Section(
        id="how-long",
        heading=_("How long will the review take?"),
        blocks=(
            Paragraph.of(
                ngettext(
                    "We aim to publish the report within %(num)d month of the decision to hold "
                    "the review.",
                    "We aim to publish the report within %(num)d months of the decision to hold "
                    "the review.",
                    months,
                )
            ),
            longer_if_needed(ctx),
        ),
    )


def _more(ctx: LeafletContext) -> Section:
    _ = translators(ctx)[0]
    guidance = guidance_paragraphs(
        _(
            "Local Child Safeguarding Practice Reviews are explained in Working Together to "
            "Safeguard Children 2023. This is official guidance for everyone who works with "
            "children in England."
        ),
        # NOTE: The title of a government publication, shown as a link. If it has no official
        # translation, keep the English title and add a translation after it in brackets.
        _("Working Together to Safeguard Children 2023"),
        ctx.tenant.guidance_url or DEFAULT_GUIDANCE_URL,
    )
    more_info = more_info_paragraph(ctx)
    blocks = (*guidance, *((more_info,) if more_info else ()))
    return Section(id="more", heading=_("Where can I find out more?"), blocks=blocks)
