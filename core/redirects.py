"""The answer to a form that made a change (Post/Redirect/Get): what was done, said on the page the
browser is sent to."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response

PROBLEM = (
    "problem"  # the category of a flashed refusal: the page shows it as a problem, not as done
)


def flash_problem(message: str) -> None:
    """`message` shown once on the next page, as a problem (a refusal), not as something done."""
    flash(message, PROBLEM)


def form_messages(form: Any) -> str:
    """What is wrong with a refused WTForms form, in one line: its own errors, then its fields',
    each said once."""
    said = [*form.form_errors, *(e for errors in form.errors.values() for e in errors)]
    return " ".join(dict.fromkeys(str(m) for m in said))


def flash_redirect(
    message: str, endpoint: str, /, *, status: int = 302, problem: bool = False, **values: Any
) -> Response:
    """`message` shown once on the page `endpoint` (with `values` in its address), where the browser
    is redirected with `status`; a `problem` (a refusal) is shown as one, not as something done."""
    if problem:
        flash_problem(message)
    else:
        flash(message, "message")
    return redirect(url_for(endpoint, **values), status)
