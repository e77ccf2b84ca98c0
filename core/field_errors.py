"""The one shape of a refused change: a reason for each field (or for the whole change) that the
screen shows beside the field, the API returns in its problem details, and the CLI prints."""

from __future__ import annotations

from typing import ClassVar


class FieldErrors(ValueError):
    """A change refused; `errors` maps each field (or a key such as "plugin") to the reason."""

    # Whether the message names each field ("colour: must be a colour") or gives the reasons alone.
    names_fields: ClassVar[bool] = False

    def __init__(self, errors: dict[str, str]) -> None:
        if self.names_fields:
            message = "; ".join(f"{field}: {reason}" for field, reason in errors.items())
        else:
            message = "; ".join(errors.values())
        super().__init__(message)
        self.errors = errors
