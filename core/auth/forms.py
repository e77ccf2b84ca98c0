"""Sign-in forms: password, second factor, and re-authentication."""

from __future__ import annotations

from babel.support import LazyProxy
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp

from core.auth import recovery
from core.i18n import lazy_gettext as _l


def email_address(
    label: str | LazyProxy, *, missing: str | LazyProxy, wrong: str | LazyProxy
) -> EmailField:
    """A required email address of at most 254 characters; `missing` and `wrong` say what to do
    when there is none or it is not in the right format."""
    return EmailField(label, validators=[DataRequired(missing), Email(wrong), Length(max=254)])


class LoginForm(FlaskForm):
    email = email_address(
        _l("Email address"),
        missing=_l("Enter your email address"),
        wrong=_l("Enter an email address in the right format, like name@example.org"),
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password")), Length(max=256)]
    )


class TwoFactorForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(_l("Enter the 6-digit code")),
            # Six digits from the app, or (at sign-in) one of the person's recovery codes.
            Regexp(rf"^\s*(\d\s*){{6}}$|{recovery.PATTERN}", message=_l("Enter the 6-digit code")),
        ],
    )


class ConfirmForm(FlaskForm):
    """Re-authentication before a sensitive action (staff screens: English)."""

    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=256)]
    )
    code = StringField("Code from your authenticator app", validators=[Length(max=20)])


class ConfirmInvitationForm(FlaskForm):
    """Accept or decline an invitation to a board (the answer is the button pressed)."""


def _new_password_twice() -> tuple[PasswordField, PasswordField]:
    """The fields `new` and `again`: a new password, typed twice (staff screens, English). Made
    where they stand in the form, so that they keep their place in its order (and its errors')."""
    return (
        PasswordField(
            "New password", validators=[DataRequired("Enter a new password"), Length(max=256)]
        ),
        PasswordField(
            "New password again",
            validators=[
                DataRequired("Enter the new password again"),
                EqualTo("new", "The two new passwords are not the same"),
            ],
        ),
    )


class ChangePasswordForm(FlaskForm):
    """A person changes their own password (staff screen, English)."""

    current = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password"), Length(max=256)],
    )
    new, again = _new_password_twice()


class ForgotPasswordForm(FlaskForm):
    """Ask for a password reset link (staff screen, English)."""

    email = email_address(
        "Email address",
        missing="Enter your email address",
        wrong="Enter an email address in the right format, like name@example.org",
    )


class ResetPasswordForm(FlaskForm):
    """Choose a new password from a reset link (staff screen, English)."""

    new, again = _new_password_twice()
