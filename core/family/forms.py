"""The family's contact form: the fewest fields that let the board answer."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from core.i18n import lazy_gettext as _l

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactForm(FlaskForm):
    kind = RadioField(
        _l("What would you like to do?"),
        choices=[
            SelectChoice("format", _l("Ask for this information in another format or language")),
            SelectChoice("views", _l("Tell the review I would like to give my views")),
            SelectChoice("question", _l("Ask a question")),
        ],
        validators=[DataRequired(_l("Choose what you would like to do"))],
    )
    format_key = SelectField(_l("Which format?"), validators=[Optional()], validate_choice=False)
    name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(_l("Enter your name")),
            Length(max=200, message=_l("Your name must be 200 characters or fewer")),
        ],
    )
    contact = StringField(
        _l("Phone number or email address"),
        description=_l("We will only use this to reply to you."),
        validators=[
            DataRequired(_l("Enter a phone number or email address so we can reply")),
            Length(max=254, message=_l("This must be 254 characters or fewer")),
        ],
    )
    # Giving an address is not consent: a bereaved family may share an inbox, or want only a call.
    email_consent = BooleanField(
        _l("Yes, you may email me about my message"),
        description=_l(
            "We will email you your reference number straight away. Leave this box empty if you "
            "would rather we did not email you, for example if someone else reads your emails."
        ),
    )
    message = TextAreaField(
        _l("Your message (optional)"),
        validators=[
            Optional(),
            Length(max=4000, message=_l("Your message must be 4,000 characters or fewer")),
        ],
    )

    def validate_contact(self, field: StringField) -> None:
        value = (field.data or "").strip()
        digits = sum(ch.isdigit() for ch in value)
        if "@" not in value and digits < 7:
            raise ValidationError(
                _l("Enter a phone number, like 0161 603 4336, or an email address")
            )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() stops the field's own chain, so the question's text is checked here.
        if self.kind.data == "question" and not (self.message.data or "").strip():
            self.message.errors = [*self.message.errors, str(_l("Enter your question"))]
            valid = False
        # Checked only when the address has no other fault, so the family sees one error, not two.
        if (
            self.email_consent.data
            and not self.contact.errors
            and not EMAIL.fullmatch((self.contact.data or "").strip())
        ):
            self.email_consent.errors = [
                *self.email_consent.errors,
                str(
                    _l(
                        "If you would like us to email you, enter your email address, like "
                        "name@example.com. Or leave the box empty."
                    )
                ),
            ]
            valid = False
        return valid
