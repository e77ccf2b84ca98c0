"""The format plugins as the core sees them: entry points, Format records, and light imports."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from format_samples import MODULES


def test_each_format_is_an_entry_point_named_by_its_key():
    points = {point.name: point.value for point in entry_points(group="candour.plugins")}
    for key, module in MODULES.items():
        assert points.get(key) == module


@pytest.mark.parametrize("key", list(MODULES))
def test_each_plugin_registers_one_available_format_with_its_key(key):
    (point,) = [p for p in entry_points(group="candour.plugins") if p.name == key]
    (fmt,) = point.load().register_formats()
    assert fmt.key == key
    assert fmt.label(lambda s: s) and fmt.description(lambda s: s)
    assert fmt.media_type and fmt.extension.isalnum()
    assert fmt.available() is None


def test_importing_the_plugins_leaves_heavy_libraries_unloaded():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in MODULES.values())
        + "print(sorted({'weasyprint', 'docx', 'lameenc'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
