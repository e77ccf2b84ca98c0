"""Paragraphs whose meaning is the same in every framework, written once, translated once."""

from __future__ import annotations

from core.plugin_api import LeafletContext, Paragraph, Section

from .i18n import translators


def nothing_to_do(ctx: LeafletContext) -> Paragraph:
    _ = translators(ctx)[0]
    return Paragraph.of(_("You do not have to do anything."))


def not_to_blame(ctx: LeafletContext) -> Paragraph:
    _ = translators(ctx)[0]
    return Paragraph.of(
        _(
            "It is not a criminal investigation or a public inquiry. Its aim is not to blame "
            "anyone, but to learn."
        )
    )


def police_section(ctx: LeafletContext) -> Section:
    """A police investigation running alongside the review may change who takes part, and when."""
    _ = translators(ctx)[0]
    return Section(
        id="police",
        heading=_("If there is a police investigation"),
        blocks=(
            Paragraph.of(
                _(
                    "Sometimes the police are investigating at the same time as the review. If "
                    "they are, this may affect how and when family members and other people close "
                    "to the child can take part in the review."
                )
            ),
        ),
    )


def anonymised(ctx: LeafletContext) -> Paragraph:
    _ = translators(ctx)[0]
    return Paragraph.of(
        _(
            "The report will be anonymised. This means that names, and other details that could "
            "identify the children, family members and other people, will be left out."
        )
    )


def told_before_publication(ctx: LeafletContext) -> Paragraph:
    _ = translators(ctx)[0]
    return Paragraph.of(_("You will be told before the report is published."))


def copy_of_report(ctx: LeafletContext) -> Paragraph:
    _ = translators(ctx)[0]
    return Paragraph.of(_("Wherever possible, you will be given a copy of the report."))


def target_time(ctx: LeafletContext) -> Paragraph:
    """The board's target for finishing a review, in months (a board setting, not a statute)."""
    ngettext = translators(ctx)[1]
    months = ctx.tenant.target_months
    return Paragraph.of(
        ngettext(
            "We aim to finish the review within %(num)d month.",
            "We aim to finish the review within %(num)d months.",
            months,
        )
    )


def longer_if_needed(ctx: LeafletContext) -> Paragraph:
    _ = translators(ctx)[0]
    return Paragraph.of(
        _("Sometimes a review takes longer. If it does, we will tell you, and explain why.")
    )
