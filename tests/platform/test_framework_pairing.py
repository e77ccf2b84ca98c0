"""A board's jurisdiction and framework are checked against the framework's own declaration of
where it applies: the command line, the console and provisioning files refuse a pairing no board
could run (a Scottish board cannot get a Welsh or English framework)."""

from __future__ import annotations

from pathlib import Path

import pytest
from admin_support import post, text
from sqlalchemy import select

from core import db
from core.platform.provisioning import ProvisioningError, load_file
from core.tenancy.models import Tenant


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def _board(app, slug):
    with app.app_context(), db.all_tenants():
        return db.session.scalar(select(Tenant).where(Tenant.slug == slug))


@pytest.mark.parametrize(
    ("jurisdiction", "framework"),
    [
        ("scotland", "wales-susr"),
        ("scotland", "lcspr-2023"),
        ("northern-ireland", "sar"),
        ("wales", "dardr"),
        ("england", "wales-cpr"),
    ],
)
def test_the_cli_refuses_a_framework_that_does_not_apply_where_the_board_is(
    app, jurisdiction, framework
):
    result = _run(
        app, "tenants", "create", "board-x", "--name", "X Board",
        "--jurisdiction", jurisdiction, "--framework", framework,
    )  # fmt: skip
    assert result.exit_code != 0
    assert f"not in {jurisdiction}" in result.output
    assert _board(app, "board-x") is None


def test_the_cli_creates_a_board_with_its_framework_jurisdiction_and_contact(app):
    result = _run(
        app, "tenants", "create", "ashdown", "--name", "Ashdown SAB", "--framework", "sar",
        "--jurisdiction", "england", "--contact-phone", "01632 960 111",
        "--contact-email", "sab@ashdown.example",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    board = _board(app, "ashdown")
    assert (board.framework, board.jurisdiction) == ("sar", "england")
    assert (board.contact_phone, board.contact_email) == ("01632 960 111", "sab@ashdown.example")


def test_the_cli_refuses_a_contact_email_that_is_not_one(app):
    result = _run(
        app, "tenants", "create", "board-y", "--name", "Y", "--framework", "dardr",
        "--contact-email", "not an address",
    )  # fmt: skip
    assert result.exit_code != 0 and _board(app, "board-y") is None


def test_the_console_refuses_a_scottish_board_with_the_welsh_framework(console, app):
    response = post(
        console,
        "/platform/tenants/new",
        {
            "slug": "glen-board",
            "name": "Glen Child Protection Committee (fictional)",
            "jurisdiction": "scotland",
            "framework": "wales-susr",
        },
    )
    assert response.status_code == 400
    assert "applies in wales, not in scotland" in text(response)
    assert _board(app, "glen-board") is None


def test_the_console_will_not_move_a_board_to_a_framework_it_cannot_run(console, app, make_tenant):
    make_tenant("board-w", framework="wales-susr", jurisdiction="wales")
    response = post(
        console,
        "/platform/tenants/board-w",
        {"section": "board", "name": "Board W", "jurisdiction": "wales", "framework": "sar"},
    )
    assert response.status_code == 400
    assert _board(app, "board-w").framework == "wales-susr"


def test_a_provisioning_file_with_an_impossible_pairing_is_refused(app, tmp_path: Path):
    folder = tmp_path / "glen"
    folder.mkdir()
    (folder / "tenant.toml").write_text(
        '[board]\nname = "Glen"\njurisdiction = "scotland"\nframework = "lcspr-2023"\n'
    )
    with app.app_context(), pytest.raises(ProvisioningError, match="not in scotland"):
        load_file(folder / "tenant.toml")


def test_dardr_applies_in_england_because_wales_holds_the_single_unified_review(app):
    from core.platform.provisioning import pairing_problem

    with app.app_context():
        assert pairing_problem("england", "dardr") is None
        problem = pairing_problem("wales", "dardr")
    # In Wales the single unified review replaced domestic homicide reviews: the refusal says so
    # by offering the frameworks that do apply there.
    assert problem is not None and "applies in england, not in wales" in problem
    assert "frameworks for wales: wales-cpr, wales-susr" in problem


def test_the_pairing_follows_the_frameworks_own_declaration(app, monkeypatch):
    from dataclasses import replace

    from core.platform.provisioning import pairing_problem
    from core.plugins import get_host

    with app.app_context():
        host = get_host()
        plugin, dardr = host.frameworks["dardr"]
        assert pairing_problem("scotland", "dardr") is not None
        # A plugin that declared Scotland too would be accepted there, with no table to change.
        monkeypatch.setitem(
            host.frameworks,
            "dardr",
            (plugin, replace(dardr, jurisdictions=("england", "scotland"))),
        )
        assert pairing_problem("scotland", "dardr") is None
        assert "no installed framework applies in northern-ireland" in pairing_problem(
            "northern-ireland", "dardr"
        )
