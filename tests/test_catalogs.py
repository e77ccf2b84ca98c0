"""The translation gate: every launch locale's catalog is complete, exact, compiles and is current.

Red until the translators have filled every catalog; a failure names the language and messages.
Regenerate the template with the command in translations/babel.cfg, then `pybabel update`.
"""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from collections.abc import Iterable
from gettext import c2py
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
LOCALES = ("cy", "pl", "ro", "ur", "ar", "bn")

# A printf-style conversion: %(name)s, %(num)d, %s, %5.2f ... ("%%" is a literal percent sign).
_CONVERSION = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?"  # mapping key
    r"[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?"  # flags, width, precision, length
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)
_NAMED = re.compile(r"%\([^)]*\)")
_SAME_TYPE = {"i": "d", "u": "d"}
_INTEGER_TYPES = frozenset("dox")

Key = tuple[object, str | None]


def placeholders(text: str) -> set[tuple[str, str]]:
    """The (name, type) of each conversion in `text`; a positional one has the name ""."""
    found = set()
    for match in _CONVERSION.finditer(text):
        kind = match.group("type")
        if kind != "%":
            found.add((match.group("name") or "", _SAME_TYPE.get(kind, kind)))
    return found


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale, abort_invalid=True)


def catalog_for(locale: str) -> Catalog:
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        pytest.fail(f"{locale}: no catalog at {path.relative_to(ROOT)}")
    return read_catalog(path, locale)


def messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)


def keys(catalog: Catalog) -> set[Key]:
    return {(m.id, m.context) for m in messages(catalog)}


def describe(found: Iterable[object]) -> str:
    return "\n".join(f"  {item!r}" for item in sorted(found, key=repr))


def forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_exists(locale: str) -> None:
    assert any(messages(catalog_for(locale))), f"{locale}: the catalog has no messages"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale: str) -> None:
    catalog = catalog_for(locale)
    missing = [m.id for m in messages(catalog) if not all(form.strip() for form in forms(m))]
    assert not missing, f"{locale}: {len(missing)} untranslated:\n{describe(missing)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_message_is_fuzzy(locale: str) -> None:
    catalog = catalog_for(locale)
    assert not catalog.fuzzy, f"{locale}: the catalog header is marked fuzzy"
    fuzzy = [m.id for m in messages(catalog) if m.fuzzy]
    assert not fuzzy, f"{locale}: {len(fuzzy)} fuzzy:\n{describe(fuzzy)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_are_the_languages_own(locale: str) -> None:
    catalog = catalog_for(locale)
    expected = get_plural(locale).num_plurals
    assert catalog.num_plurals == expected, (
        f"{locale}: Plural-Forms has {catalog.num_plurals} forms, the language has {expected}"
    )
    wrong = [m.id for m in messages(catalog) if m.pluralizable and len(m.string) != expected]
    assert not wrong, f"{locale}: plural messages without {expected} forms:\n{describe(wrong)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_rule_picks_the_languages_form_for_every_number(locale: str) -> None:
    """The catalog's Plural-Forms expression chooses the same form as CLDR's rule (via Babel)."""
    ours = c2py(catalog_for(locale).plural_expr)
    cldr = c2py(get_plural(locale).plural_expr)
    differ = [n for n in range(0, 1001) if ours(n) != cldr(n)]
    assert not differ, f"{locale}: the catalog picks another form for {differ[:10]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_every_placeholder(locale: str) -> None:
    """Each form keeps the message's placeholders, with their types, and adds none.

    A plural form may leave out an integer placeholder (a form used only for one, say, can spell the
    number out), but never a name, a board or a link.
    """
    problems = []
    for message in messages(catalog_for(locale)):
        if "python-format" not in message.flags:
            # Such a message is shown as it is: a placeholder in its translation would show too.
            named = [(message.id, form) for form in forms(message) if _NAMED.search(form)]
            problems += [(message_id, form, "placeholder", "-") for message_id, form in named]
            continue
        ids = message.id if message.pluralizable else (message.id,)
        wanted = set().union(*(placeholders(i) for i in ids))
        optional = {p for p in wanted if message.pluralizable and p[1] in _INTEGER_TYPES}
        for form in forms(message):
            if not form:
                continue
            have = placeholders(form)
            if have - wanted or (wanted - optional) - have:
                problems.append((message.id, form, sorted(have - wanted), sorted(wanted - have)))
    assert not problems, f"{locale}: (message, translation, extra, missing):\n{describe(problems)}"


def _sample(conversions: set[tuple[str, str]], n: int) -> dict[str, object]:
    return {name: n if kind in _INTEGER_TYPES else f"<{name}>" for name, kind in conversions}


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_compiles_and_every_translation_formats(locale: str) -> None:
    catalog = catalog_for(locale)
    errors = [(m.id, str(e)) for m, errs in catalog.check() for e in errs]
    assert not errors, f"{locale}: pybabel compile would report:\n{describe(errors)}"
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    for message in messages(catalog):
        if message.pluralizable:
            singular, plural = message.id[:2]
            conversions = placeholders(singular) | placeholders(plural)
            for n in (0, 1, 2, 3, 6, 11, 12, 100):
                text = translations.ngettext(singular, plural, n)
                if "python-format" in message.flags:
                    text % _sample(conversions, n)
        elif "python-format" in message.flags:
            translations.gettext(message.id) % _sample(placeholders(message.id), 6)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_holds_exactly_the_templates_messages(locale: str) -> None:
    template = read_catalog(TEMPLATE)
    catalog = catalog_for(locale)
    missing, extra = keys(template) - keys(catalog), keys(catalog) - keys(template)
    assert not missing and not extra, (
        f"{locale}: run `pybabel update` — missing from the catalog:\n{describe(missing)}\n"
        f"no longer in messages.pot:\n{describe(extra)}"
    )


def test_template_matches_the_sources(tmp_path: Path) -> None:
    """messages.pot is what the documented extraction produces from the code and templates now."""
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    extract = [pybabel, "-q", "extract", "-F", "translations/babel.cfg", "--sort-output"]
    subprocess.run([*extract, "-o", fresh, "core", "plugins"], cwd=ROOT, check=True)
    assert TEMPLATE.is_file(), (
        "no translations/messages.pot: extract it (see translations/babel.cfg)"
    )
    current, wanted = keys(read_catalog(TEMPLATE)), keys(read_catalog(fresh))
    assert current == wanted, (
        f"messages.pot is stale; extract again (see translations/babel.cfg).\n"
        f"new in the sources:\n{describe(wanted - current)}\ngone from the sources:\n"
        f"{describe(current - wanted)}"
    )
