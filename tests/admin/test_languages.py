"""Languages a board offers, and the board's own wording: search, side by side, preview, save and
revert; placeholders must survive; every change audited and seen by families at once."""

from __future__ import annotations

from admin_support import audit_actions, post, text

from core.i18n.services import message_key

URL = "/board-a/admin/languages"


def _welsh_board(make_tenant):
    return make_tenant(
        "board-w",
        jurisdiction="wales",
        framework="wales-cpr",
        locales=["cy", "en"],
        default_locale="cy",
    )


def test_offered_languages_and_the_default_are_saved(admin, board, client):
    response = post(
        admin, URL, {"locales": ["en", "cy", "pl"], "default_locale": "en", "checked": ["en", "cy"]}
    )
    assert response.status_code == 302
    page = text(client.get("/board-a/cy/"))
    assert '<html lang="cy"' in page
    assert "candour-translation-notice" not in page  # checked by a translator
    assert client.get("/board-a/pl/").status_code == 200
    assert "languages.saved" in audit_actions(board.app, board.tenant.id)


def test_the_default_language_must_be_offered(admin):
    response = post(admin, URL, {"locales": ["en"], "default_locale": "cy"})
    assert response.status_code == 400
    assert "The default language must be one the board offers" in text(response)


def test_an_unknown_language_is_refused_by_name(admin):
    response = post(admin, URL, {"locales": ["en", "xx"], "default_locale": "en"})
    assert response.status_code == 400
    assert "Unknown language: xx" in text(response)


def test_a_welsh_sentence_is_overridden_previewed_saved_and_reverted(
    admin, board, client, make_tenant, make_user, login
):
    welsh = _welsh_board(make_tenant)
    make_user("admin@w.example", welsh)
    login(client, "board-w", "admin@w.example")
    msgid = "What is a Child Practice Review?"
    key = message_key(msgid)
    search = text(
        client.get("/board-w/admin/languages/overrides?locale=cy&q=What+is+a+Child+Practice")
    )
    assert f"/board-w/admin/languages/overrides/cy/{key}" in search
    edit_url = f"/board-w/admin/languages/overrides/cy/{key}"
    edit = text(client.get(edit_url))
    assert msgid in edit  # the source and the Welsh catalog text, side by side
    assert 'id="catalog-text"' in edit

    preview = post(
        client, edit_url, {"action": "preview", "text": "Pam rydym yn cynnal yr adolygiad hwn?"}
    )
    assert preview.status_code == 200
    assert "Pam rydym yn cynnal yr adolygiad hwn?" in text(preview)
    assert "Pam rydym yn cynnal yr adolygiad hwn?" not in text(client.get("/board-w/cy/"))

    saved = post(
        client, edit_url, {"action": "save", "text": "Pam rydym yn cynnal yr adolygiad hwn?"}
    )
    assert saved.status_code == 302
    assert "Pam rydym yn cynnal yr adolygiad hwn?" in text(client.get("/board-w/cy/"))
    assert "Pam rydym yn cynnal yr adolygiad hwn?" not in text(client.get("/board-w/en/"))

    reverted = post(client, edit_url, {"action": "revert"})
    assert reverted.status_code == 302
    assert "Pam rydym yn cynnal yr adolygiad hwn?" not in text(client.get("/board-w/cy/"))
    actions = audit_actions(board.app, welsh.id)
    assert "override.saved" in actions and "override.reverted" in actions


def test_an_override_must_keep_the_messages_placeholders(admin):
    msgid = next(
        m
        for m in __import__("core.admin.languages", fromlist=["x"]).messages().values()
        if "%(board)s" in m
    )
    url = f"/board-a/admin/languages/overrides/en/{message_key(msgid)}"
    response = post(admin, url, {"action": "save", "text": "The Partnership"})
    assert response.status_code == 400
    assert "Keep the placeholders exactly as in the original" in text(response)
    assert "%(board)s" in text(response)


def test_an_empty_override_is_refused_with_the_reason(admin):
    key = message_key("Contact us")
    response = post(
        admin, f"/board-a/admin/languages/overrides/en/{key}", {"action": "save", "text": "  "}
    )
    assert response.status_code == 400
    assert "Enter the board" in text(response)


def test_an_unknown_message_or_language_is_a_404(admin):
    assert admin.get("/board-a/admin/languages/overrides/en/0000000000000000").status_code == 404
    assert (
        admin.get(f"/board-a/admin/languages/overrides/xx/{message_key('Contact us')}").status_code
        == 404
    )
