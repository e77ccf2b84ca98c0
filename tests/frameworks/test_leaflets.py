"""The framework plugins' family leaflets: structure, tenant variables, text fit for translation."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from importlib.metadata import entry_points
from pathlib import Path

import pluggy
import pytest
from babel.messages.pofile import read_po

import core.hookspecs
from core.plugin_api import (
    BulletList,
    ContactBlock,
    Document,
    Framework,
    LeafletContext,
    Link,
    Paragraph,
    TenantView,
)
from plugins.frameworks.common import join_names

ROOT = Path(__file__).resolve().parents[2]

SECTION_IDS = {
    "scr-2015": (
        "board",
        "what",
        "why",
        "who",
        "your-part",
        "police",
        "report",
        "how-long",
        "more",
        "help",
        "formats",
    ),
    "lcspr-2023": (
        "board",
        "what",
        "why",
        "steps",
        "who",
        "your-part",
        "police",
        "report",
        "how-long",
        "more",
        "help",
        "formats",
    ),
    "wales-cpr": (
        "board",
        "what",
        "why",
        "steps",
        "who",
        "your-part",
        "police",
        "report",
        "how-long",
        "more",
        "help",
        "formats",
    ),
    "sar": (
        "board",
        "what",
        "why",
        "who",
        "your-part",
        "help",
        "report",
        "how-long",
        "more",
        "formats",
    ),
    "dardr": (
        "board",
        "what",
        "who",
        "your-part",
        "help",
        "report",
        "how-long",
        "more",
        "formats",
    ),
    "wales-susr": (
        "board",
        "what",
        "steps",
        "who",
        "your-part",
        "help",
        "report",
        "how-long",
        "more",
        "formats",
    ),
}
JURISDICTIONS = {
    "scr-2015": ("england",),
    "lcspr-2023": ("england",),
    "wales-cpr": ("wales",),
    "sar": ("england",),
    "dardr": ("england",),
    "wales-susr": ("wales",),
}
KEYS = tuple(SECTION_IDS)

TENANT = TenantView(
    id=7,
    slug="salford",
    name="Salford Safeguarding Children Board",
    jurisdiction="england",
    framework="scr-2015",
    default_locale="en",
    locales=("en", "pl", "ar"),
    contact_role="Board Business Manager",
    contact_phone="0161 603 4336",
    contact_email="sscb@salford.gov.uk",
    contact_address="Civic Centre, Chorley Road, Swinton M27 5DA",
    more_info_url="https://www.partnersinsalford.org/sscb/sscbcasereviews.htm",
    guidance_url="https://example.org/guidance",
    panel_agencies=("childrens-social-care", "health", "police"),
    target_months=6,
)
BARE_TENANT = TenantView(
    id=8,
    slug="bare",
    name="Bare Board",
    jurisdiction="wales",
    framework="wales-cpr",
    default_locale="en",
    locales=("en",),
)


def load_framework(key: str) -> Framework:
    """The framework as the platform finds it: through its entry point and the hook."""
    (entry_point,) = [ep for ep in entry_points(group="candour.plugins") if ep.name == key]
    pm = pluggy.PluginManager("candour")
    pm.add_hookspecs(core.hookspecs)
    pm.register(entry_point.load(), name=key)
    frameworks = [f for result in pm.hook.register_frameworks() for f in result or ()]
    assert [f.key for f in frameworks] == [key]
    return frameworks[0]


def context(
    tenant: TenantView,
    locale: str = "en",
    gettext: Callable[[str], str] = lambda message: message,
    ngettext: Callable[[str, str, int], str] = lambda s, p, n: s if n == 1 else p,
) -> LeafletContext:
    return LeafletContext(
        tenant=tenant,
        locale=locale,
        gettext=gettext,
        ngettext=ngettext,
        format_date=str,
        language_name="English",
    )


def build(key: str, tenant: TenantView = TENANT, **kwargs: object) -> Document:
    doc = load_framework(key).leaflet(context(tenant, **kwargs))  # type: ignore[arg-type]
    assert isinstance(doc, Document)
    return doc


def paragraphs(doc: Document) -> list[Paragraph]:
    found = []
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found.append(block)
            elif isinstance(block, BulletList):
                found.extend(block.items)
    return found


def links(doc: Document) -> list[Link]:
    return [part for p in paragraphs(doc) for part in p.parts if isinstance(part, Link)]


def contact_blocks(doc: Document) -> list[ContactBlock]:
    return [b for s in doc.sections for b in s.blocks if isinstance(b, ContactBlock)]


def visible_strings(doc: Document) -> list[str]:
    """Every string a reader sees or hears, except the contact box's own tenant values."""
    strings = [doc.title, doc.summary]
    for section in doc.sections:
        strings.append(section.heading)
        for block in section.blocks:
            if isinstance(block, ContactBlock):
                strings += [block.heading, block.phone_label, block.email_label]
                strings.append(block.address_label)
    for paragraph in paragraphs(doc):
        strings += [p if isinstance(p, str) else p.text for p in paragraph.parts]
    return strings


@pytest.mark.parametrize("key", KEYS)
def test_framework_is_registered_through_its_entry_point(key: str) -> None:
    framework = load_framework(key)
    assert framework.jurisdictions == JURISDICTIONS[key]
    assert framework.name
    assert framework.description


@pytest.mark.parametrize("key", KEYS)
def test_leaflet_has_its_sections_in_order(key: str) -> None:
    doc = build(key)
    assert tuple(s.id for s in doc.sections) == SECTION_IDS[key]
    assert all(s.heading and s.blocks for s in doc.sections)
    assert doc.title.endswith(": information for families")
    assert doc.locale == "en"
    assert doc.language_name == "English"


@pytest.mark.parametrize("key", KEYS)
def test_section_ids_do_not_change_with_the_locale(key: str) -> None:
    english = build(key)
    welsh = build(key, locale="cy", gettext=lambda m: f"[cy] {m}")
    assert [s.id for s in welsh.sections] == [s.id for s in english.sections]
    assert welsh.locale == "cy"


@pytest.mark.parametrize("key", KEYS)
def test_leaflet_names_the_board(key: str) -> None:
    doc = build(key)
    assert doc.board_name == TENANT.name
    assert TENANT.name in doc.sections[0].heading
    assert TENANT.name in doc.summary
    assert all(block.organisation == TENANT.name for block in contact_blocks(doc))


@pytest.mark.parametrize("key", KEYS)
def test_phone_is_a_tel_link_and_email_a_mailto_link(key: str) -> None:
    doc = build(key)
    hrefs = {link.href: link.text for link in links(doc)}
    assert hrefs["tel:+441616034336"] == "0161 603 4336"
    assert hrefs["mailto:sscb@salford.gov.uk"] == "sscb@salford.gov.uk"
    (block,) = contact_blocks(doc)
    assert block.tel_href == "tel:+441616034336"
    assert (block.role, block.email, block.address) == (
        TENANT.contact_role,
        TENANT.contact_email,
        TENANT.contact_address,
    )
    your_part = next(s for s in doc.sections if s.id == "your-part")
    assert "tel:+441616034336" in repr(your_part), "the family's part should say how to call"


@pytest.mark.parametrize("key", KEYS)
def test_panel_agencies_are_named_and_joined(key: str) -> None:
    assert "Children's Social Care, Health and Police" in build(key).plain_text()


@pytest.mark.parametrize("key", KEYS)
def test_unknown_agency_key_is_shown_as_the_board_wrote_it(key: str) -> None:
    tenant = replace(TENANT, panel_agencies=("police", "Multi-Agency Safeguarding Hub"))
    assert "Police and Multi-Agency Safeguarding Hub" in build(key, tenant).plain_text()


@pytest.mark.parametrize(
    ("locale", "joined"),
    [
        ("en", "A, B and C"),
        ("pl", "A, B i C"),
        ("ar", "A وB وC"),
        ("ur", "A، B، اور C"),
        ("xx", "A, B, C"),
    ],
)
def test_agencies_are_joined_as_the_language_writes_a_list(locale: str, joined: str) -> None:
    assert join_names(["A", "B", "C"], locale) == joined


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        (["Addysg", "Iechyd", "Tai"], "Addysg, Iechyd, a Thai"),
        (["Heddlu", "Iechyd"], "Heddlu ac Iechyd"),
        (["Iechyd", "Prawf"], "Iechyd a Phrawf"),
        (["Iechyd", "Cyngor"], "Iechyd a Chyngor"),
        (["Iechyd", "Heddlu"], "Iechyd a Heddlu"),
        (["Addysg", "Theatr"], "Addysg a Theatr"),
    ],
)
def test_welsh_and_is_ac_before_a_vowel_and_mutates_c_p_t(names: list[str], joined: str) -> None:
    assert join_names(names, "cy") == joined


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("tenant", [TENANT, BARE_TENANT], ids=["full", "bare"])
def test_no_placeholder_is_left_unfilled(key: str, tenant: TenantView) -> None:
    doc = build(key, tenant)
    assert all(link.text.strip() and link.href.strip() for link in links(doc))
    assert all(text.strip() for text in visible_strings(doc) if text != " ")
    for text in [*visible_strings(doc), *(link.href for link in links(doc))]:
        assert not re.search(r"%[(sd]", text), text


@pytest.mark.parametrize("key", KEYS)
def test_bare_board_gets_a_leaflet_without_empty_contact_lines(key: str) -> None:
    doc = build(key, BARE_TENANT)
    assert not any(link.href.startswith(("tel:", "mailto:")) for link in links(doc))
    text = doc.plain_text()
    assert "the agencies that worked with your family" in text
    assert "please contact us" in text
    assert "Bare Board" in text


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize(
    ("months", "said", "not_said"), [(1, "1 month", "1 months"), (6, "6 months", "6 month ")]
)
def test_target_duration_is_pluralised(key: str, months: int, said: str, not_said: str) -> None:
    doc = build(key, replace(TENANT, target_months=months))
    how_long = next(s for s in doc.sections if s.id == "how-long")
    text = " ".join(b.text for b in how_long.blocks if isinstance(b, Paragraph))
    assert said in text
    assert not_said not in text


def _outside_guillemets(text: str) -> str:
    """What is left of `text` once every «…» span, nested or not, is cut out."""
    depth, kept = 0, []
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»":
            depth -= 1
        elif depth == 0:
            kept.append(char)
    assert depth == 0, text
    return "".join(kept)


@pytest.mark.parametrize("key", KEYS)
def test_every_visible_string_went_through_gettext(key: str) -> None:
    doc = build(
        key,
        gettext=lambda m: f"«{m}»",
        ngettext=lambda s, p, n: f"«{s if n == 1 else p}»",
    )
    tenant_values = [
        TENANT.contact_phone,
        TENANT.contact_email,
        TENANT.more_info_url.removeprefix("https://"),
        "aafda.org.uk",  # a charity's web address, the same in every language
    ]
    for text in visible_strings(doc):
        rest = _outside_guillemets(text)
        for value in tenant_values:
            rest = rest.replace(value, "")
        assert not re.search(r"[^\W\d_]", rest), f"hard-coded text {rest!r} in {text!r}"


@pytest.mark.parametrize("key", KEYS)
def test_a_translation_with_a_broken_placeholder_falls_back_to_english(key: str) -> None:
    def broken(message: str) -> str:
        return "%(nobody)s" if "%(board)s" in message else message

    doc = build(key, gettext=broken)
    assert "%(nobody)s" not in doc.plain_text()
    assert TENANT.name in doc.sections[0].heading


@pytest.mark.parametrize("key", KEYS)
def test_leaflet_is_a_modest_length(key: str) -> None:
    words = len(build(key).plain_text().split())
    # About 100 of them are the "Getting help" section every framework shares.
    assert 450 <= words <= 850, words


@pytest.mark.parametrize("key", KEYS)
def test_getting_help_names_the_boards_advocates_and_support_with_their_numbers(key: str) -> None:
    plain = build(key)
    help_section = next(s for s in plain.sections if s.id == "help")
    text = " ".join(block.text for block in help_section.blocks if isinstance(block, Paragraph))
    assert "advocate" in text and "interpreter" in text and "complain" in text
    assert "Advocates are provided by" not in text
    ctx = replace(
        context(TENANT),
        settings={
            "advocate_provider": "Family Advocacy Service, 01632 960 456",
            "support_organisations": "Cruse Bereavement Support | 0808 808 1677\nSamaritans | 116 123",
        },
    )
    doc = load_framework(key).leaflet(ctx)
    help_section = next(s for s in doc.sections if s.id == "help")
    assert "Advocates are provided by Family Advocacy Service, 01632 960 456." in repr(help_section)
    (support,) = [b for b in help_section.blocks if isinstance(b, BulletList)]
    assert [item.text for item in support.items] == [
        "Cruse Bereavement Support: 0808 808 1677",
        "Samaritans: 116 123",
    ]
    assert Link("0808 808 1677", "tel:+448088081677") in support.items[0].parts


def _extract(tmp_path: Path) -> dict[object, list[str]]:
    """Extract the frameworks' messages as documented; return each message id with its notes."""
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [pybabel, "-q", "extract", "-F", "translations/babel.cfg", "-o", pot, "plugins/frameworks"],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as f:
        return {m.id: m.auto_comments for m in read_po(f) if m.id}


def test_every_message_a_leaflet_uses_is_extracted_for_translators(tmp_path: Path) -> None:
    used: set[object] = set()

    def gettext(message: str) -> str:
        used.add(message)
        return message

    def ngettext(singular: str, plural: str, n: int) -> str:
        used.add((singular, plural))
        return singular if n == 1 else plural

    for key in KEYS:
        for tenant in (TENANT, BARE_TENANT, replace(TENANT, target_months=1)):
            build(key, tenant, gettext=gettext, ngettext=ngettext)
    extracted = _extract(tmp_path)
    assert used - set(extracted) == set()
    for message_id, comments in extracted.items():
        if "%(agencies)s" in str(message_id) or "%(role)s" in str(message_id):
            assert comments, f"no note for translators on {message_id!r}"


def test_leaflet_messages_use_named_placeholders_only(tmp_path: Path) -> None:
    for message_id in _extract(tmp_path):
        for text in message_id if isinstance(message_id, tuple) else (message_id,):
            assert not re.search(r"%[^(]", str(text)), text
            assert "<" not in str(text), f"HTML in a message: {text!r}"


def test_a_framework_naming_a_field_it_does_not_have_stops_start_up() -> None:
    from core.plugin_api import ObligationRule, ReviewField
    from core.plugins.manager import framework_problem

    good = load_framework("dardr")
    assert framework_problem(good) is None
    typo = replace(good, obligations=(ObligationRule("x", "X", met_by="qa_aproved_on"),))
    assert "qa_aproved_on" in str(framework_problem(typo))
    clash = replace(good, fields=(ReviewField("decision_on", "Clash", "date"),))
    assert "new, distinct names" in str(framework_problem(clash))
    nowhere = replace(good, jurisdictions=("atlantis",))
    assert "atlantis" in str(framework_problem(nowhere))
