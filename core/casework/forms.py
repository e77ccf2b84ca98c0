"""Forms for the casework pages; every error says what to do."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
)
from wtforms.validators import Optional

from core.casework.models import (
    ACTION_STATE_LABELS,
    CONTACT_WAY_LABELS,
    MEETING_KIND_LABELS,
    RECOMMENDATION_SOURCE_LABELS,
    REQUEST_KIND_LABELS,
    WISH_LABELS,
)
from core.reviews.forms import date_input, email_input, options, text_area, text_input


def radios(label: str, labels: dict[str, str], *, default: str | None = None) -> Any:
    """Radios offering the values of `labels`; the service, not the form, refuses any other value."""
    return RadioField(
        label, choices=options(labels.items()), default=default, validate_choice=False
    )


class AgencyForm(FlaskForm):
    name = text_input("Agency name", 200)


class RequestForm(FlaskForm):
    agency_id = SelectField("Agency", coerce=int, validate_choice=False)
    kind = radios("What the agency is asked for", REQUEST_KIND_LABELS)
    contact_email = email_input(
        "Email address of the person who will answer",
        hint="They are invited to sign in and will see only the requests addressed to them.",
    )
    due_on = date_input(
        "Due date", hint="Leave empty to use the framework's working days for this kind of request."
    )
    instructions = text_area(
        "What to cover",
        10_000,
        hint="Say what period and which episodes to cover. Do not name the family here.",
    )


class UploadForm(FlaskForm):
    file = FileField(
        "Your return",
        description="A PDF or Word document; a chronology may be a CSV or Excel file with the "
        "columns date, agency, event and source.",
    )


class TimeForm(FlaskForm):
    wanted_on = date_input("The date you can send it by")
    reason = text_area("Why more time is needed", 5_000)


class AcceptForm(FlaskForm):
    name = text_input("Your name", 200)
    password = PasswordField(
        "Choose a password",
        description="At least 12 characters. You will also set up two-factor authentication.",
    )


class DecideForm(FlaskForm):
    pass


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    agency = SelectField("Agency", coerce=str, validate_choice=False, validators=[Optional()])


class RecommendationForm(FlaskForm):
    text = text_area("Recommendation", 5_000, hint="As the report words it.")
    source = radios("Recorded from", RECOMMENDATION_SOURCE_LABELS, default="final")


class ActionForm(FlaskForm):
    description = text_area("What will be done", 5_000)
    owner_agency_id = SelectField("Agency that owns it", coerce=int, validate_choice=False)
    owner_email = email_input(
        "Email address of the owner",
        hint="Optional. They are invited to sign in, update the action and upload evidence.",
    )
    due_on = date_input("Due date")


class StatusForm(FlaskForm):
    status = radios("Status", ACTION_STATE_LABELS)
    reason = text_area(
        "Why it is not accepted", 5_000, hint="Needed when the action is not accepted."
    )


class EvidenceForm(FlaskForm):
    file = FileField("Evidence", description="A PDF or Word document showing the action is done.")
    note = text_area("Note", 5_000)


class MeetingForm(FlaskForm):
    kind = radios("Meeting", MEETING_KIND_LABELS, default="panel")
    held_on = date_input("Date of the meeting")
    attendees = text_area(
        "Who attended", 50_000, hint="From the panel and the agencies; one a line."
    )
    agenda = text_area("Agenda", 50_000)
    minutes = text_area("Minutes", 50_000, hint="Write them here, or upload them below.")
    minutes_file = FileField("Minutes as a file", description="Optional: a PDF or Word document.")


class DecisionForm(FlaskForm):
    text = text_area("Decision", 5_000)
    decided_on = date_input("Date of the decision", hint="Leave empty for the date of the meeting.")


class PublishingForm(FlaskForm):
    in_platform_search = BooleanField(
        "List the board's published reports in the platform's search across boards",
        description="Anyone may then find them by learning theme beside other boards' reports.",
    )
    publish_action_progress = BooleanField(
        "Show the progress of action plans with the published reports",
        description="Only the actions staff mark publishable: their description, status and dates.",
    )


class DaysField(IntegerField):
    """A number of days whose error says what to enter."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError("Enter a whole number of days, like 20.") from None


class ContactForm(FlaskForm):
    contacted_on = date_input("Date of the contact")
    way = radios("How", CONTACT_WAY_LABELS, default="phone")
    by_id = SelectField("Who made the contact", coerce=int, validate_choice=False)
    said = text_area("What was said", 10_000)
    promised = text_area(
        "What was promised next",
        10_000,
        hint="With a due date, the promise is tracked with the review's deadlines.",
    )
    promise_due_on = date_input("Promise due by")


class PlanForm(FlaskForm):
    advocate_chosen = text_area(
        "Advocate chosen", 2_000, hint="The advocacy service or advocate they chose, if any."
    )
    interpreter_or_format = text_area(
        "Interpreter or format needed",
        2_000,
        hint="For example, a Polish interpreter at meetings, or easy read letters.",
    )
    meet_panel = radios("Do they want to meet the panel?", WISH_LABELS, default="")
    see_terms = radios("Do they want to see the terms of reference?", WISH_LABELS, default="")
    draft_sent_on = date_input("Date the draft report was sent to them")
    draft_reading_days = DaysField("Days given to read the draft", validators=[Optional()])
    not_involved_reason = text_area(
        "If they are not involved, why",
        10_000,
        hint="The reason they gave, or why the board did not involve them.",
    )
