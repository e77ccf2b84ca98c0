"""Staff passwords by NCSC guidance: length over composition rules, and a deny-list of common and
breached-style passwords (a common word with digits or symbols around it is still that word)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

MIN_LENGTH = 12
MAX_LENGTH = 256
DENY_LIST = Path(__file__).with_name("common-passwords.txt")

# Substitutions people make to dress a common word up ("P@ssw0rd"); undone before the deny-list check.
_LEET = str.maketrans(
    {"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s"}
)
_EDGES = re.compile(r"^[^a-z]+|[^a-z]+$")


class PasswordRejected(ValueError):
    """The password does not meet the policy; the message says why, in words a person can act on."""


@functools.cache
def deny_list() -> frozenset[str]:
    lines = DENY_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _candidates(password: str) -> set[str]:
    lowered = password.lower()
    squashed = re.sub(r"\s+", "", lowered)
    found = {lowered, squashed, _EDGES.sub("", squashed)}
    unleet = squashed.translate(_LEET)
    found |= {unleet, _EDGES.sub("", unleet)}
    return {c for c in found if c}


def check_password(password: str, *, email: str = "", context: tuple[str, ...] = ()) -> None:
    """Raise `PasswordRejected` if `password` is too short, too long, common or easy to guess.

    `context` holds words specific to this account (the board's name or slug) that must not be the
    whole password either.
    """
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(
            f"The password must be at least {MIN_LENGTH} characters long. "
            "Three or four random words make a long password that is easy to remember."
        )
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(f"The password must be {MAX_LENGTH} characters or fewer.")
    if len(set(password)) <= 2:
        raise PasswordRejected(
            "The password repeats the same characters; choose something less predictable."
        )
    denied = deny_list()
    candidates = _candidates(password)
    if candidates & denied:
        raise PasswordRejected(
            "This password is too common: it appears in lists of passwords that attackers try first."
        )
    personal = {w.lower().replace(" ", "") for w in context if len(w) >= 4}
    local = email.split("@")[0].lower() if email else ""
    if len(local) >= 4:
        personal.add(local)
        personal.add(email.lower())
    if candidates & personal:
        raise PasswordRejected("The password must not be your email address or the board's name.")
