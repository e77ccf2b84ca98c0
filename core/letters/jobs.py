"""The letters' job: render one letter in the worker (ahead of staff opening it)."""

from __future__ import annotations

from core.jobs.queueing import job


@job("letters.render", retries=3, retry_delay=60, timeout=600)
def render_letter(letter_id: int) -> None:
    from core.letters.services import render

    render(letter_id)
