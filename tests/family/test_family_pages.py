"""The family information page: the board's own details, languages, direction, overrides, caching."""

from __future__ import annotations

import re

from sqlalchemy import select

from core import db
from core.i18n.models import TextOverride
from core.tenancy.models import Tenant


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_each_demo_board_names_its_own_contact(client, demo_tenants):
    salford = text_of(client.get("/salford/en/"))
    assert "Salford Safeguarding Children Board" in salford
    assert 'href="tel:+441614960734"' in salford
    assert "Demonstration site" in salford
    assert "Business Manager" in salford
    northmoor = text_of(client.get("/northmoor/en/"))
    assert "Northmoor Safeguarding Children Partnership (fictional)" in northmoor
    assert "Partnership Manager" in northmoor
    assert "Salford" not in northmoor


def test_every_demo_board_serves_every_locale_it_enables(client, demo_tenants):
    for slug, tenant in demo_tenants.items():
        for locale in tenant.locales:
            response = client.get(f"/{slug}/{locale}/")
            assert response.status_code == 200, (slug, locale)
            assert f'<html lang="{locale}"' in text_of(response)


def test_arabic_and_urdu_pages_are_right_to_left(client, demo_tenants):
    for locale in ("ar", "ur"):
        page = text_of(client.get(f"/salford/{locale}/"))
        assert f'<html lang="{locale}" dir="rtl"' in page
    assert 'dir="ltr"' in text_of(client.get("/salford/pl/"))[:200]


def test_every_page_lists_hreflang_alternates_for_the_boards_locales(client, demo_tenants):
    page = text_of(client.get("/salford/en/"))
    alternates = set(re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)"', page))
    assert {code for code, _ in alternates} == set(demo_tenants["salford"].locales)
    assert ("cy", "http://localhost/salford/cy/") in alternates


def test_welsh_boards_english_page_links_to_the_welsh_page_and_back(client, demo_tenants):
    english = text_of(client.get("/cwm-ffuglen/en/"))
    welsh = text_of(client.get("/cwm-ffuglen/cy/"))
    assert 'href="/cwm-ffuglen/cy/" hreflang="cy"' in english
    assert 'href="/cwm-ffuglen/en/" hreflang="en"' in welsh
    assert "Bwrdd Diogelu Rhanbarthol Cwm Ffuglen (ffuglennol)" in welsh


def test_language_switcher_names_each_language_in_itself(client, demo_tenants):
    page = text_of(client.get("/salford/en/"))
    for name in ("Cymraeg", "Polski", "Română", "اردو", "العربية", "বাংলা"):
        assert name in page


def test_unchecked_translation_carries_a_notice_linking_to_english(client, demo_tenants):
    page = text_of(client.get("/salford/pl/"))
    assert "candour-translation-notice" in page
    assert 'href="/salford/en/"' in page
    # Northmoor recorded that Polish was checked by a qualified translator.
    assert "candour-translation-notice" not in text_of(client.get("/northmoor/pl/"))
    assert "candour-translation-notice" not in text_of(client.get("/salford/en/"))


def test_board_override_replaces_catalog_text_in_one_locale_only(client, in_app, demo_tenants):
    salford = demo_tenants["salford"]

    def override():
        with db.tenant_scope(salford.id):
            db.session.add(
                TextOverride(
                    tenant_id=salford.id, locale="en", msgid="Contents", msgstr="On this page"
                )
            )
            db.session.get(Tenant, salford.id).content_version += 1

    before = text_of(client.get("/salford/en/"))
    assert "On this page" not in before
    in_app(override)
    assert "On this page" in text_of(client.get("/salford/en/"))
    # The override is the board's, in English: other boards and other locales keep the catalog.
    assert "On this page" not in text_of(client.get("/northmoor/en/"))
    assert "On this page" not in text_of(client.get("/salford/cy/"))


def test_overrides_from_tenant_files_are_loaded(app, tmp_path):
    from core.platform.provisioning import load_directory

    board = tmp_path / "board-o"
    board.mkdir()
    (board / "tenant.toml").write_text(
        '[board]\nname = "O Board"\n[overrides.en]\n"Contents" = "In this leaflet"\n'
    )
    with app.app_context():
        load_directory(tmp_path)
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "board-o"))
        with db.tenant_scope(tenant.id):
            assert [(o.msgid, o.msgstr) for o in db.session.scalars(select(TextOverride))] == [
                ("Contents", "In this leaflet")
            ]
        db.session.commit()
    assert "In this leaflet" in text_of(app.test_client().get("/board-o/en/"))


def test_public_pages_are_cacheable_and_revalidate(client, demo_tenants):
    first = client.get("/salford/en/")
    assert first.headers["Cache-Control"] == "public, max-age=300"
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = client.get("/salford/en/", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_a_change_of_text_makes_a_new_etag(client, in_app, demo_tenants):
    salford = demo_tenants["salford"]
    etag = client.get("/salford/en/").headers["ETag"]

    def change():
        with db.tenant_scope(salford.id):
            db.session.add(
                TextOverride(tenant_id=salford.id, locale="en", msgid="Contents", msgstr="Inside")
            )
            db.session.get(Tenant, salford.id).content_version += 1

    in_app(change)
    assert client.get("/salford/en/", headers={"If-None-Match": etag}).status_code == 200


def test_the_accessibility_statement_names_the_board_and_formats_dates_in_the_locale(
    client, demo_tenants
):
    english = text_of(client.get("/salford/en/accessibility"))
    assert "Salford Safeguarding Children Board wants as many people as possible" in english
    year = "2026"  # the date the pages were last checked (ACCESSIBILITY_REVIEWED)
    assert year in english
    welsh = text_of(client.get("/cwm-ffuglen/cy/accessibility"))
    months_cy = (
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    )
    assert any(m in welsh for m in months_cy)


def test_formats_page_lists_what_the_board_offers(client, demo_tenants):
    page = text_of(client.get("/salford/en/formats/"))
    for key in ("pdf", "large-print", "text", "braille", "audio", "docx", "easy-read"):
        assert f'href="/salford/en/formats/{key}"' in page
    # Easy read is offered in every language its lines are translated into, Welsh among them.
    assert "/salford/cy/formats/easy-read" in text_of(client.get("/salford/cy/formats/"))


def test_formats_and_reports_are_linked_before_the_leaflet_and_reports_in_the_footer(
    client, demo_tenants
):
    page = text_of(client.get("/salford/ur/"))
    top = page.index('class="candour-top-links"')
    assert top < page.index('class="candour-document')
    assert page.index('href="/salford/ur/formats/"', top) < page.index("candour-document")
    assert page.index('href="/salford/ur/reports/"', top) < page.index("candour-document")
    footer = page[page.index("<footer") :]
    assert 'href="/salford/ur/reports/"' in footer


def test_the_accessibility_statement_gives_the_date_it_was_reviewed_not_a_record_change(
    client, demo_tenants
):
    page = text_of(client.get("/salford/en/accessibility"))
    assert "This statement was last reviewed on 1 December 2026." in page


def _render_text_format(in_app, slug: str, locale: str) -> int:
    """Render the plain-text format ahead, as the worker would; its size in bytes."""
    from core.formats import service

    def render() -> int:
        with db.all_tenants():
            tenant = db.session.scalars(select(Tenant).where(Tenant.slug == slug)).one()
            with db.tenant_scope(tenant.id):
                item = service.find(tenant, locale, "text")
                return service.render(tenant, locale, item).size

    return in_app(render)


def test_the_formats_page_gives_each_rendered_file_its_size_and_type_in_words(
    in_app, client, demo_tenants
):
    size = _render_text_format(in_app, "salford", "en")
    page = text_of(client.get("/salford/en/formats/"))
    kilobytes = max(1, round(size / 1024))
    assert f"about {kilobytes} KB, plain text" in page
    # Formats not rendered yet say their type, and no label is said twice in brackets.
    for kind in ("PDF document", "MP3 audio", "braille file (BRF)", "Word document (DOCX)"):
        assert kind in page, kind
    assert "(Word (DOCX))" not in page and "(Text)" not in page


def test_the_urdu_formats_page_says_type_and_size_in_urdu(in_app, client, demo_tenants):
    _render_text_format(in_app, "salford", "ur")
    page = text_of(client.get("/salford/ur/formats/"))
    meta = re.findall(r'candour-formats__meta">([^<]*)<', page)
    assert len(meta) >= 5
    for words in meta:
        assert not re.search(r"[A-Za-z]{3,}", words.replace("DOCX", "").replace("BRF", "")), words


def test_the_link_at_the_top_says_what_a_family_can_get(client, demo_tenants):
    page = text_of(client.get("/salford/en/"))
    top = page[page.index('class="candour-top-links"') : page.index('class="candour-document')]
    assert "Get this in another format or language" in top


def test_the_easy_read_page_is_drawn_in_the_boards_colours(client, demo_tenants):
    page = text_of(client.get("/salford/en/formats/easy-read/read"))
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    easy_read = client.get(next(href for href in sheets if "easy-read" in href))
    try:
        assert "var(--brand-primary" in text_of(easy_read)
    finally:
        easy_read.close()
    branding = text_of(client.get(next(href for href in sheets if "branding.css" in href)))
    header = re.search(r"\.candour-header \{ background-color: (#[0-9a-fA-F]{3,6});", branding)
    assert header, branding
    # The easy read's banner and rules take the colour the board's header has.
    assert f"--brand-primary: {header[1]};" in branding
