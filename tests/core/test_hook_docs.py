"""Every hook is documented for plugin authors and has a test of its own."""

from __future__ import annotations

import inspect
import pathlib
import re

import pytest

from core import hookspecs

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOOKS = sorted(
    name
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(fn, "candour_spec")
)


def test_there_are_hooks():
    assert "page_fragments" in HOOKS and "register_formats" in HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring(hook):
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    assert len(doc) > 60, f"{hook} needs a docstring: when it is called, what it returns"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_in_the_plugin_authors_reference(hook):
    docs = (ROOT / "docs" / "plugins.md").read_text()
    assert f"### {hook}\n" in docs, f"docs/plugins.md has no section for {hook}"


def test_reference_names_no_hook_that_does_not_exist():
    docs = (ROOT / "docs" / "plugins.md").read_text()
    reference = docs.split("## Hook reference", 1)[1]
    documented = set(re.findall(r"^### ([a-z_]+)$", reference, re.MULTILINE))
    assert documented == set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_test_of_its_own(hook):
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        names.update(re.findall(r"^def (test_\w+)", path.read_text(), re.MULTILINE))
    assert any(hook in name for name in names), f"no test function is named after {hook}"


DISPATCH_WORDS = {
    hookspecs.Dispatch.STARTUP: "once",
    hookspecs.Dispatch.FIRST: "*first result wins*",
    hookspecs.Dispatch.ISOLATED: "*isolated*",
    hookspecs.Dispatch.FAIL_CLOSED: "*fail-closed*",
}


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_reference_gives_the_specs_signature_and_dispatch(hook):
    spec = getattr(hookspecs, hook)
    signature = inspect.signature(spec)
    call = f"{hook}({', '.join(signature.parameters)})"
    returns = str(signature.return_annotation)
    reference = (ROOT / "docs" / "plugins.md").read_text().split("## Hook reference", 1)[1]
    section = reference.split(f"### {hook}\n", 1)[1]
    written, _, said = section.partition(" — ")
    assert written in (f"`{call} -> {returns}`", f"`{call}`" if returns == "None" else ""), hook
    assert said.startswith(DISPATCH_WORDS[hookspecs.dispatch_of(spec)]), hook
