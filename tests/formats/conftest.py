"""Fixtures for the format tests: renders of the hand-written sample leaflets, each made once."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from format_samples import MODULES, sample_context, sample_document


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """`rendered(format_key, locale)`: the path of that sample rendered by the real plugin."""
    cache: dict[tuple[str, str], Path] = {}
    folder = tmp_path_factory.mktemp("renders")

    def render(key: str, locale: str) -> Path:
        if (key, locale) not in cache:
            module = importlib.import_module(MODULES[key])
            (fmt,) = module.register_formats()
            path = folder / f"{key}-{locale}.{fmt.extension}"
            path.write_bytes(fmt.render(sample_document(locale), sample_context()))
            cache[key, locale] = path
        return cache[key, locale]

    return render
