"""Forms for uploading, checking and publishing a review's report (staff screens, in English)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField
from wtforms.validators import DataRequired

from core.reviews.forms import date_input, options, text_area, text_input

KIND_CHOICES = options(
    [("draft", "Draft report"), ("final", "Final report (checked before publication)")]
)
DECISION_CHOICES = options(
    [
        ("full", "The full report"),
        ("summary", "A summary"),
        ("learning-only", "What was learned and improved only"),
    ]
)


class UploadForm(FlaskForm):
    kind = RadioField(
        "Which report is this?",
        choices=KIND_CHOICES,
        validators=[DataRequired("Choose draft or final.")],
    )
    report = FileField("The report, as a PDF")


class OverrideForm(FlaskForm):
    reason = text_area(
        "Why may this be published?",
        2000,
        required="Explain why this may be published.",
        hint="For example: this is the name of a professional, not of the family. "
        "The reason is kept in the review's timeline and the audit log.",
    )


class PublishForm(FlaskForm):
    title = text_input("Title on the public list", 300, required="Enter the title.")
    decision = RadioField(
        "What will be published",
        choices=DECISION_CHOICES,
        validators=[DataRequired("Choose what will be published.")],
    )
    rationale = text_area(
        "Why this is what will be published",
        10_000,
        required="Explain the decision.",
        hint="For example: published in full; nothing in it would harm another child.",
    )
    summary = text_area("Summary for the public list", 5000, required="Write a short summary.")
    learning_themes = text_area("Learning themes", 20_000, hint="One per line.")
    recommendations = text_area("Recommendations", 20_000, hint="One per line.")


class WithdrawForm(FlaskForm):
    reason = text_area(
        "Why is the report being withdrawn?",
        2000,
        required="Explain why the report is being withdrawn.",
        hint="For example: it names a family member; a corrected report will follow. "
        "The reason is kept in the review's timeline, the audit log and the family's promises.",
    )


class AvailabilityForm(FlaskForm):
    until = date_input(
        "Keep it on the public list until",
        required="Enter the date it should stay available until.",
    )


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
