"""Sign-in form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length

from core.i18n import lazy_gettext as _l


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Enter your email address")),
            Email(_l("Enter an email address in the right format, like name@example.org")),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password")), Length(max=256)]
    )
