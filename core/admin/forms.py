"""Board admin forms (staff screens: English, not translated)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from core.auth.forms import email_address
from core.auth.models import ROLE_LABELS, ROLES

COLOUR = Regexp(r"^#[0-9a-fA-F]{6}$", message="Enter a colour like #1d4f91")


class BrandingForm(FlaskForm):
    name = StringField(
        "Board name", validators=[DataRequired("Enter the board's name"), Length(max=200)]
    )
    primary_colour = StringField(
        "Header colour", validators=[DataRequired("Enter a colour"), COLOUR]
    )
    primary_text_colour = StringField(
        "Header text colour", validators=[DataRequired("Enter a colour"), COLOUR]
    )
    link_colour = StringField("Link colour", validators=[DataRequired("Enter a colour"), COLOUR])
    logo = FileField("Logo", description="PNG, JPEG or SVG, 1 MB at most. SVGs are cleaned first.")
    logo_alt = StringField(
        "Logo description",
        validators=[Optional(), Length(max=200)],
        description="What the logo shows, read aloud by screen readers.",
    )
    remove_logo = BooleanField("Remove the current logo")


class OverrideForm(FlaskForm):
    text = TextAreaField(
        "The board's wording",
        validators=[DataRequired("Enter the board's wording"), Length(max=5000)],
    )


class AddPersonForm(FlaskForm):
    email = email_address(
        "Email address",
        missing="Enter an email address",
        wrong="Enter an email address like name@example.org",
    )
    name = StringField("Name", validators=[Optional(), Length(max=200)])
    role = SelectField(
        "Role",
        choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES],
        validators=[DataRequired("Choose a role")],
    )
    require_two_factor = BooleanField("Require two-factor authentication for this person")
