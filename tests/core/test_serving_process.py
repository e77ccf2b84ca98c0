"""A serving process's garbage collector: the app's own objects left out, collections made rare."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from core.app import COLLECT_EVERY, settle_for_serving


@pytest.fixture
def collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("collector")
def test_the_objects_made_before_serving_are_left_out_and_collections_are_rarer(app):
    assert gc.get_freeze_count() == 0
    settle_for_serving()
    # The app (made by the fixture) and everything it holds are now frozen: never looked at again.
    assert gc.get_freeze_count() > 10_000
    assert gc.get_threshold()[0] == COLLECT_EVERY > 700
    # A collection still finds garbage made afterwards (a cycle nothing else holds).
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1
