"""Validate a board's settings for a plugin against the schema the plugin declares."""

from __future__ import annotations

import re
from typing import Any

from core.field_errors import FieldErrors
from core.plugin_api import Setting, SettingsSchema

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SettingsError(FieldErrors):
    """Settings that do not fit the schema; `errors` maps each field to what is wrong with it."""

    names_fields = True


def validate_settings(schema: SettingsSchema | None, data: dict[str, Any]) -> dict[str, Any]:
    """Return the cleaned settings (defaults filled in) or raise `SettingsError`."""
    if schema is None:
        if data:
            raise SettingsError({k: "this plugin has no settings" for k in data})
        return {}
    known = {s.name for s in schema.settings}
    errors = {k: "this plugin has no such setting" for k in data if k not in known}
    cleaned: dict[str, Any] = {}
    for setting in schema.settings:
        raw = data.get(setting.name, setting.default)
        try:
            value = _coerce(setting, raw)
            if setting.validate is not None and value not in (None, ""):
                problem = setting.validate(value)
                if problem:
                    raise ValueError(problem)
        except ValueError as exc:
            errors[setting.name] = str(exc)
            continue
        cleaned[setting.name] = value
    if errors:
        raise SettingsError(errors)
    return cleaned


def _coerce(setting: Setting, raw: Any) -> Any:
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and setting.type != "bool"):
        if setting.required:
            raise ValueError("this setting is required")
        return setting.default if raw is None else ("" if setting.type != "int" else None)
    kind = setting.type
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in {"1", "true", "on", "yes"}:
            return True
        if str(raw).lower() in {"0", "false", "off", "no", ""}:
            return False
        raise ValueError("must be yes or no")
    if kind == "int":
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ValueError("must be a whole number") from None
        if setting.min is not None and value < setting.min:
            raise ValueError(f"must be at least {setting.min}")
        if setting.max is not None and value > setting.max:
            raise ValueError(f"must be at most {setting.max}")
        return value
    text = str(raw).strip()
    if len(text) > 2000:
        raise ValueError("is too long (2,000 characters at most)")
    if kind == "colour" and not HEX_COLOUR.match(text):
        raise ValueError("must be a colour like #1d4f91")
    if kind == "url" and not text.startswith(("https://", "http://", "/")):
        raise ValueError("must be a web address starting https://")
    if kind == "email" and not EMAIL.match(text):
        raise ValueError("must be an email address")
    if kind == "choice" and text not in setting.choices:
        raise ValueError("must be one of " + ", ".join(setting.choices))
    return text.lower() if kind == "colour" else text
