"""The ladder of layers in `core/`: an import may only run down it, and `core` never imports `plugins`.

Each top-level module or package of `core` (a *unit*) stands on one rung, and the units of a rung are in
order too: a unit may import the units before it and no other. So the ladder is a total order, which
rules out cycles as well as upward imports. A new unit must be placed here (and in the first picture
of docs/architecture.md) before it can be imported at all.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"

# Lowest rung first. `__init__` is core/__init__.py, the app factory, which wires every layer.
LADDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "infrastructure",
        (
            "config",
            "logs",
            "metrics",
            "caches",
            "field_errors",
            "problem_details",
            "redirects",
            "db",
            "crypto",
            "keys",
            "rls",
            "security",
            "ratelimit",
            "audit",
            "tenancy",
            "app",
            "proxies",
            "assets",
            "jobs",
        ),
    ),
    ("plugin contract", ("document", "framework_rules", "plugin_api", "hookspecs")),
    ("plugin host", ("plugins", "storage")),
    ("board", ("i18n", "mail", "board")),
    (
        "domains",
        ("auth", "reviews", "reports", "casework", "formats", "family", "digests", "letters"),
    ),
    ("screens", ("extensions", "outage", "errors", "public", "api", "admin", "platform")),
    ("application", ("models", "migrate", "cli", "testing", "__init__")),
)
POSITION = {unit: i for i, unit in enumerate(u for _rung, units in LADDER for u in units)}
RUNG = {unit: rung for rung, units in LADDER for unit in units}


def _units() -> set[str]:
    found = {p.stem for p in CORE.glob("*.py")}
    found |= {p.name for p in CORE.iterdir() if (p / "__init__.py").exists()}
    return found


def _module_of(path: Path) -> tuple[str, str]:
    """(dotted module, dotted package a relative import starts from)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _imported(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, at any depth (inside functions too), resolved to dotted names."""
    return _imported_from(path, _module_of(path)[1])


def _imported_from(path: Path, package: str = "core") -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from core import db` imports the module core.db
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _unit_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "core":
        return None
    if len(parts) == 1:
        return "__init__"
    return parts[1] if parts[1] in POSITION else None


def _files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_every_unit_of_core_stands_on_the_ladder():
    assert _units() - set(POSITION) == set(), "place each new module or package of core/ on LADDER"
    assert set(POSITION) - _units() == set(), "LADDER names a unit core/ no longer has"


def test_core_never_imports_plugins():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _files()
        for line, name in _imported(path)
        if name.split(".")[0] == "plugins"
    ]
    assert wrong == []


def _upward(path: Path, imports: list[tuple[int, str]]) -> list[str]:
    module, _package = _module_of(path)
    me = _unit_of(module) if path.name != "__init__.py" or path.parent != CORE else "__init__"
    assert me is not None, path
    wrong = []
    for line, name in imports:
        target = _unit_of(name)
        if target is None or target == me:
            continue
        if name == "core" and me != "__init__":
            # `from core import db` names the package; the submodule is checked on its own
            continue
        if POSITION[target] > POSITION[me]:
            wrong.append(
                f"{path.relative_to(ROOT)}:{line} ({RUNG[me]}: {me}) imports {name} "
                f"({RUNG[target]}: {target}), which stands above it"
            )
    return wrong


def test_no_import_runs_up_the_ladder():
    wrong = [message for path in _files() for message in _upward(path, _imported(path))]
    assert wrong == []


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("core/i18n/__init__.py", "from core.family.models import ContactRequest\n"),
        ("core/board/page.py", "def f():\n    from core.formats import service\n"),
        ("core/plugin_api.py", "from core.reviews import models\n"),
        ("core/db.py", "from core import plugins\n"),
    ],
)
def test_an_upward_import_is_caught(where, source, tmp_path):
    fake = tmp_path / "fake.py"
    fake.write_text(source)
    assert _upward(ROOT / where, _imported_from(fake))


def _shown(unit: str) -> str:
    return "create_app" if unit == "__init__" else unit


def test_the_architecture_page_draws_this_ladder_first():
    page = (ROOT / "docs" / "architecture.md").read_text()
    picture = re.search(r"```[a-z]*\n(.*?)```", page, re.S)
    assert picture is not None
    lines = picture.group(1).splitlines()
    for rung, units in LADDER:
        at = next((n for n, text in enumerate(lines) if text.startswith(rung)), None)
        assert at is not None, f"the first picture has no line for the {rung} rung"
        listed = lines[at].split(rung, 1)[1].strip()
        while listed.endswith(","):  # a long list goes on over the next lines
            at += 1
            listed += " " + lines[at].strip()
        assert re.findall(r"\w+", listed) == [_shown(u) for u in units], rung
