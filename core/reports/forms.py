"""Forms for uploading, checking and publishing a review's report (staff screens, in English)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from core.reviews.forms import ClearDateField, options

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
    reason = TextAreaField(
        "Why may this be published?",
        description="For example: this is the name of a professional, not of the family. "
        "The reason is kept in the review's timeline and the audit log.",
        validators=[DataRequired("Explain why this may be published."), Length(max=2000)],
    )


class PublishForm(FlaskForm):
    title = StringField(
        "Title on the public list",
        validators=[DataRequired("Enter the title."), Length(max=300)],
    )
    decision = RadioField(
        "What will be published",
        choices=DECISION_CHOICES,
        validators=[DataRequired("Choose what will be published.")],
    )
    rationale = TextAreaField(
        "Why this is what will be published",
        description="For example: published in full; nothing in it would harm another child.",
        validators=[DataRequired("Explain the decision."), Length(max=10_000)],
    )
    summary = TextAreaField(
        "Summary for the public list",
        validators=[DataRequired("Write a short summary."), Length(max=5000)],
    )
    learning_themes = TextAreaField(
        "Learning themes", description="One per line.", validators=[Length(max=20_000)]
    )
    recommendations = TextAreaField(
        "Recommendations", description="One per line.", validators=[Length(max=20_000)]
    )


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "Why is the report being withdrawn?",
        description="For example: it names a family member; a corrected report will follow. "
        "The reason is kept in the review's timeline, the audit log and the family's promises.",
        validators=[DataRequired("Explain why the report is being withdrawn."), Length(max=2000)],
    )


class AvailabilityForm(FlaskForm):
    until = ClearDateField(
        "Keep it on the public list until",
        validators=[DataRequired("Enter the date it should stay available until.")],
    )


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
