"""Forms for the review pages. Date fields are native date inputs; every error says what to do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Field,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from core.framework_rules import CORE_FIELDS, DATE_FIELDS, PUBLICATION_DECISIONS
from core.plugin_api import Framework
from core.reviews.fields import field_text, framework_field
from core.reviews.models import IDENTIFIER_KINDS, INVOLVEMENT, PARALLEL_KINDS
from core.reviews.people import IDENTIFIER_LABELS, PARALLEL_LABELS

FIELD_LABELS: dict[str, str] = {
    "reference": "Reference",
    "pseudonym": "Pseudonym (never a real name)",
    "incident_on": "Date of the incident",
    "aware_on": "Date the board became aware",
    "notified_on": "Date the notification was sent",
    "notified_to": "Sent to",
    "rapid_review_on": "Date the rapid review was sent",
    "decision_on": "Date of the decision",
    "decision_rationale": "Reasons for the decision",
    "criteria_met": "Criteria met",
    "lead_reviewers": "Lead reviewer(s)",
    "independence_declared_on": "Date the lead reviewer declared their independence",
    "initiated_on": "Date the review started",
    "draft_on": "Date of the draft report",
    "final_on": "Date the final report was agreed",
    "planned_publication_on": "Planned publication date",
    "published_on": "Date of publication",
    "publication_decision": "What will be published",
    "publication_rationale": "Reasons for what is published",
    "anonymisation_checked_on": "Date the anonymisation check was passed",
    "repository_deposit_on": "Date deposited in the national repository",
    "action_plan": "Action plan",
    "closed_on": "Date the review closed",
    "closed_reason": "Why the review closed",
}
FIELD_HINTS: dict[str, str] = {
    "pseudonym": "How the person at the centre of the review is named in the report, like Child A "
    "or Adult A. Real names go in Protected identifiers.",
    "reference": "Your board's reference, like CR-2025-01.",
    "notified_to": "Who the notification went to.",
    "planned_publication_on": "Deadlines for telling the family and meeting them count back from it.",
    "publication_decision": "Full report, a summary, or what was learned and improved only.",
}
PUBLICATION_CHOICES = [
    ("", "Choose"),
    ("full", "The full report"),
    ("summary", "A summary"),
    ("learning-only", "What was learned and improved only"),
]
assert {c for c, _ in PUBLICATION_CHOICES if c} == set(PUBLICATION_DECISIONS)
INVOLVEMENT_LABELS = {
    "not_yet_invited": "Not yet invited",
    "invited": "Invited, no answer yet",
    "involved": "Taking part",
    "declined": "Declined",
    "not_contacted": "Not to be contacted",
}
FORMAT_CHOICES = [
    ("", "Standard print"),
    ("large-print", "Large print"),
    ("braille", "Braille"),
    ("audio", "Audio"),
    ("easy-read", "Easy read"),
    ("docx", "Word"),
    ("text", "Plain text"),
    ("bsl", "British Sign Language video"),
    ("interpreter", "Interpreter"),
]
CONTACT_BY_CHOICES = [
    ("", "Neither: we phone or meet them"),
    ("email", "By e-mail"),
    ("post", "By letter"),
]


def options(pairs: Any) -> list[SelectChoice]:
    """Choices for a select or radios, from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class ClearDateField(DateField):
    """A date input whose error explains itself."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not valuelist[0]:
            self.data = None
            return
        try:
            self.data = dt.date.fromisoformat(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError("Enter a real date, like 2025-03-27") from None

    def validate(self, form: Any, extra_validators: Any = ()) -> bool:
        # A date that cannot be read is the problem to report, not that the field is "missing".
        if self.process_errors:
            self.errors = list(self.process_errors)
            return False
        return bool(super().validate(form, extra_validators))


def _presence(required: str, optional: bool) -> list[Any]:
    """`required` is the error when the field is left empty; `optional` lets it be empty."""
    if required:
        return [DataRequired(required)]
    return [Optional()] if optional else []


def _at_most(most: int) -> Length:
    """No more than `most` characters, said as the services say it."""
    return Length(max=most, message=f"Keep this to {most:,} characters.")


def text_area(
    label: str, most: int, *, required: str = "", optional: bool = False, hint: str = ""
) -> Any:
    """A text area of at most `most` characters."""
    checks = [*_presence(required, optional), _at_most(most)]
    return TextAreaField(label, description=hint, validators=checks)


def text_input(
    label: str, most: int, *, required: str = "", optional: bool = False, hint: str = ""
) -> Any:
    """A one-line text input of at most `most` characters."""
    checks = [*_presence(required, optional), _at_most(most)]
    return StringField(label, description=hint, validators=checks)


def email_input(label: str, *, optional: bool = False, hint: str = "") -> Any:
    """An e-mail address: at most 254 characters, the most an address can have (RFC 5321)."""
    return text_input(label, 254, optional=optional, hint=hint)


def date_input(label: str, *, required: str = "", hint: str = "") -> Any:
    """A date input that may be left empty, unless `required` says what to enter."""
    return ClearDateField(label, description=hint, validators=_presence(required, True))


def review_field(name: str, required: bool, framework: Framework | None = None) -> Field:
    """The form field for one review field, by name, as the review's framework calls it."""
    label = FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
    hint = FIELD_HINTS.get(name, "")
    spec = None
    if framework is not None:
        label, hint = field_text(framework, name, label, hint)
        spec = framework_field(framework, name) if name not in CORE_FIELDS else None
    checks: list[Any] = [DataRequired(f"Enter the {label.lower()}")] if required else [Optional()]
    if name in DATE_FIELDS or (spec is not None and spec.kind == "date"):
        return ClearDateField(label, description=hint, validators=checks)
    if spec is not None and spec.kind == "choice":
        return SelectField(
            label,
            description=hint,
            choices=options((("", "Choose"), *spec.choices)),
            validators=checks,
        )
    if name == "publication_decision":
        return SelectField(
            label, description=hint, choices=options(PUBLICATION_CHOICES), validators=checks
        )
    if (spec is not None and spec.kind == "longtext") or name in (
        "decision_rationale",
        "criteria_met",
        "publication_rationale",
        "action_plan",
        "closed_reason",
    ):
        return TextAreaField(label, description=hint, validators=[*checks, Length(max=10_000)])
    return StringField(label, description=hint, validators=[*checks, Length(max=300)])


def fields_form(
    names: tuple[str, ...], required: bool, framework: Framework | None = None, **kwargs: Any
) -> FlaskForm:
    """A form with one field per review field named (its errors keyed by the same names)."""
    attrs = {name: review_field(name, required, framework) for name in names}
    form_class = type("ReviewFieldsForm", (FlaskForm,), attrs)
    return form_class(**kwargs)


class NewReviewForm(FlaskForm):
    reference = text_input(
        FIELD_LABELS["reference"],
        40,
        required="Enter the review's reference",
        hint=FIELD_HINTS["reference"],
    )
    pseudonym = text_input(
        FIELD_LABELS["pseudonym"],
        100,
        required="Enter a pseudonym (never a real name)",
        hint=FIELD_HINTS["pseudonym"],
    )
    framework = SelectField("Framework", validators=[DataRequired("Choose the framework")])
    aware_on = date_input(
        FIELD_LABELS["aware_on"],
        required="Enter the date the board became aware",
        hint="Deadlines for the notification count from this date.",
    )
    incident_on = date_input(FIELD_LABELS["incident_on"])
    review_types = SelectMultipleField("Review types", choices=[], validators=[Optional()])


class MetForm(FlaskForm):
    met_on = date_input("Date it was done", required="Enter the date it was done")
    note = text_area("Note (optional)", 2000, optional=True)


class WaiveForm(FlaskForm):
    reason = text_area(
        "Why it is being waived",
        2000,
        required="Explain why this is being waived",
        hint="Board admins only. The reason is kept in the audit log.",
    )


class ExtensionForm(FlaskForm):
    new_target_on = date_input("New target date", required="Enter the new target date")
    reason = text_area(
        "Why the review needs longer",
        2000,
        required="Explain why the review needs longer",
        hint="The family must be told this reason.",
    )
    family_told_on = date_input(
        "Date the family was told",
        hint="They should be told before the current target date passes. Leave empty if "
        "they have not been told yet: the extension will be flagged.",
    )


class ParallelForm(FlaskForm):
    kind = SelectField(
        "Kind of process", choices=options((k, PARALLEL_LABELS[k]) for k in PARALLEL_KINDS)
    )
    started_on = date_input("Date it started", required="Enter the date it started")
    ended_on = date_input("Date it ended (if it has)")
    note = text_area("Note (optional)", 2000, optional=True)


class EndParallelForm(FlaskForm):
    ended_on = date_input("Date it ended", required="Enter the date it ended")


class FamilyForm(FlaskForm):
    role = text_input(
        "Relationship to the person at the centre of the review",
        100,
        required="Enter their relationship, like Mother",
        hint="Like Mother, Grandfather, Foster carer. Never a name.",
    )
    preferred_locale = SelectField("Preferred language")
    preferred_format = SelectField(
        "Preferred format", choices=options(FORMAT_CHOICES), validators=[Optional()]
    )
    contact_by = RadioField(
        "How they agreed to be sent news of the review",
        choices=options(CONTACT_BY_CHOICES),
        default="",
        validators=[Optional()],
    )
    contact_email = email_input(
        "Their e-mail address",
        optional=True,
        hint="Only if they agreed to e-mail. Kept encrypted; messages never name anyone.",
    )
    format_requested_on = date_input(
        "Date they asked for this format",
        hint="Leave empty for today. Providing it becomes a promise with a due date.",
    )
    involvement = RadioField(
        "Involvement",
        choices=options((k, INVOLVEMENT_LABELS[k]) for k in INVOLVEMENT),
        default="not_yet_invited",
    )
    invited_on = date_input("Date invited to give their views")
    responded_on = date_input("Date they answered")
    declined_reason = text_area("If they declined: the reason", 2000, optional=True)
    advocate_offered_on = date_input("Date an advocate was offered")
    met_on = date_input("Date the lead reviewer met them")
    notes = text_area("Notes (optional)", 4000, optional=True)


class PanelForm(FlaskForm):
    agency = SelectField("Agency", validators=[DataRequired("Choose the agency")])
    name = text_input("Name", 200, required="Enter the panel member's name")
    role = text_input("Job title (optional)", 200, optional=True)


class IdentifierForm(FlaskForm):
    kind = SelectField("Kind", choices=options((k, IDENTIFIER_LABELS[k]) for k in IDENTIFIER_KINDS))
    value = text_input(
        "Value",
        1000,
        required="Enter the identifier",
        hint="Stored encrypted. It is never shown in lists and never written to logs.",
    )


class AssignForm(FlaskForm):
    user_id = SelectField("Staff member", coerce=int, validators=[DataRequired("Choose someone")])
    role = text_input("Their part (optional)", 60, optional=True, hint="Like Lead reviewer.")


class NoteForm(FlaskForm):
    text = text_area("Add a note to the timeline", 2000, required="Write the note")
