"""Encryption at rest for personal data, with key rotation (Fernet keys, newest first).

`EncryptedText` columns hold ciphertext in the database; the plain value never reaches a row, a log
or a list view. Rotation: put the new key first in `CANDOUR_ENCRYPTION_KEYS`, run `candour keys rotate`,
then drop the old key.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator


class DecryptionError(RuntimeError):
    """A value could not be decrypted with any configured key."""


def _fernet(keys: str) -> MultiFernet:
    return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])


def cipher() -> MultiFernet:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached: tuple[str, MultiFernet] | None = app.extensions.get("candour.cipher")
    keys = app.config["ENCRYPTION_KEYS"]
    if cached is None or cached[0] != keys:
        cached = (keys, _fernet(keys))
        app.extensions["candour.cipher"] = cached
    return cached[1]


def encrypt(value: str) -> str:
    return cipher().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError("no configured encryption key opens this value") from exc


def rotate(token: str) -> str:
    """Re-encrypt `token` under the newest key."""
    return cipher().rotate(token.encode("ascii")).decode("ascii")


class EncryptedText(TypeDecorator[str]):
    """A text column stored encrypted. Empty strings are stored as empty (nothing to hide)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)
