"""Forms for the casework pages; every error says what to do."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from core.casework.models import (
    ACTION_STATE_LABELS,
    CONTACT_WAY_LABELS,
    MEETING_KIND_LABELS,
    REQUEST_KIND_LABELS,
    WISH_LABELS,
)
from core.reviews.forms import ClearDateField, options


class AgencyForm(FlaskForm):
    name = StringField("Agency name", validators=[Length(max=200)])


class RequestForm(FlaskForm):
    agency_id = SelectField("Agency", coerce=int, validate_choice=False)
    kind = RadioField(
        "What the agency is asked for",
        choices=options(REQUEST_KIND_LABELS.items()),
        validate_choice=False,
    )
    contact_email = StringField(
        "Email address of the person who will answer",
        description="They are invited to sign in and will see only the requests addressed to them.",
        validators=[Length(max=254)],
    )
    due_on = ClearDateField(
        "Due date",
        description="Leave empty to use the framework's working days for this kind of request.",
        validators=[Optional()],
    )
    instructions = TextAreaField(
        "What to cover",
        description="Say what period and which episodes to cover. Do not name the family here.",
        validators=[Length(max=10_000)],
    )


class UploadForm(FlaskForm):
    file = FileField(
        "Your return",
        description="A PDF or Word document; a chronology may be a CSV or Excel file with the "
        "columns date, agency, event and source.",
    )


class TimeForm(FlaskForm):
    wanted_on = ClearDateField("The date you can send it by", validators=[Optional()])
    reason = TextAreaField("Why more time is needed", validators=[Length(max=5_000)])


class AcceptForm(FlaskForm):
    name = StringField("Your name", validators=[Length(max=200)])
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
    text = TextAreaField(
        "Recommendation", description="As the report words it.", validators=[Length(max=5_000)]
    )
    source = RadioField(
        "Recorded from",
        choices=options(
            (
                ("draft", "The draft report"),
                ("final", "The final report"),
                ("published", "The published report"),
            )
        ),
        default="final",
        validate_choice=False,
    )


class ActionForm(FlaskForm):
    description = TextAreaField("What will be done", validators=[Length(max=5_000)])
    owner_agency_id = SelectField("Agency that owns it", coerce=int, validate_choice=False)
    owner_email = StringField(
        "Email address of the owner",
        description="Optional. They are invited to sign in, update the action and upload evidence.",
        validators=[Length(max=254)],
    )
    due_on = ClearDateField("Due date", validators=[Optional()])


class StatusForm(FlaskForm):
    status = RadioField(
        "Status", choices=options(ACTION_STATE_LABELS.items()), validate_choice=False
    )
    reason = TextAreaField(
        "Why it is not accepted",
        description="Needed when the action is not accepted.",
        validators=[Length(max=5_000)],
    )


class EvidenceForm(FlaskForm):
    file = FileField("Evidence", description="A PDF or Word document showing the action is done.")
    note = TextAreaField("Note", validators=[Length(max=5_000)])


class MeetingForm(FlaskForm):
    kind = RadioField(
        "Meeting",
        choices=options(MEETING_KIND_LABELS.items()),
        default="panel",
        validate_choice=False,
    )
    held_on = ClearDateField("Date of the meeting", validators=[Optional()])
    attendees = TextAreaField(
        "Who attended",
        description="From the panel and the agencies; one a line.",
        validators=[Length(max=50_000)],
    )
    agenda = TextAreaField("Agenda", validators=[Length(max=50_000)])
    minutes = TextAreaField(
        "Minutes",
        description="Write them here, or upload them below.",
        validators=[Length(max=50_000)],
    )
    minutes_file = FileField("Minutes as a file", description="Optional: a PDF or Word document.")


class DecisionForm(FlaskForm):
    text = TextAreaField("Decision", validators=[Length(max=5_000)])
    decided_on = ClearDateField(
        "Date of the decision",
        description="Leave empty for the date of the meeting.",
        validators=[Optional()],
    )


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
    contacted_on = ClearDateField("Date of the contact", validators=[Optional()])
    way = RadioField(
        "How", choices=options(CONTACT_WAY_LABELS.items()), default="phone", validate_choice=False
    )
    by_id = SelectField("Who made the contact", coerce=int, validate_choice=False)
    said = TextAreaField("What was said", validators=[Length(max=10_000)])
    promised = TextAreaField(
        "What was promised next",
        description="With a due date, the promise is tracked with the review's deadlines.",
        validators=[Length(max=10_000)],
    )
    promise_due_on = ClearDateField("Promise due by", validators=[Optional()])


class PlanForm(FlaskForm):
    advocate_chosen = TextAreaField(
        "Advocate chosen",
        description="The advocacy service or advocate they chose, if any.",
        validators=[Length(max=2_000)],
    )
    interpreter_or_format = TextAreaField(
        "Interpreter or format needed",
        description="For example, a Polish interpreter at meetings, or easy read letters.",
        validators=[Length(max=2_000)],
    )
    meet_panel = RadioField(
        "Do they want to meet the panel?",
        choices=options(WISH_LABELS.items()),
        default="",
        validate_choice=False,
    )
    see_terms = RadioField(
        "Do they want to see the terms of reference?",
        choices=options(WISH_LABELS.items()),
        default="",
        validate_choice=False,
    )
    draft_sent_on = ClearDateField(
        "Date the draft report was sent to them", validators=[Optional()]
    )
    draft_reading_days = DaysField("Days given to read the draft", validators=[Optional()])
    not_involved_reason = TextAreaField(
        "If they are not involved, why",
        description="The reason they gave, or why the board did not involve them.",
        validators=[Length(max=10_000)],
    )
