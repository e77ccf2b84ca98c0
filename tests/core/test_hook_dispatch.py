"""Each hook's dispatch is declared once, beside its spec; the core calls board hooks through one typed
facade that follows it; wrappers are refused; failures are recorded where every worker sees them."""

from __future__ import annotations

import inspect

import pytest
from sqlalchemy import select

from core import db, hookspecs
from core.hookspecs import Dispatch, dispatch_of
from core.plugin_api import hookimpl
from core.plugins import BoardHooks, PluginHost, failures, get_host, hooks, tenant_plugins
from core.plugins.manager import PluginLoadError
from core.plugins.models import PluginFailure
from core.tenancy.models import Tenant

SPECS = {
    name: fn for name, fn in vars(hookspecs).items() if callable(fn) and hasattr(fn, "candour_spec")
}


def test_every_hook_declares_its_dispatch_and_first_result_follows_from_it(app):
    host = get_host(app)
    for name, spec in SPECS.items():
        assert isinstance(dispatch_of(spec), Dispatch), name
        firstresult = getattr(host.pm.hook, name).spec.opts["firstresult"]
        assert firstresult == (dispatch_of(spec) is Dispatch.FIRST), name


def test_the_board_facade_has_one_call_per_board_hook_with_the_specs_dispatch():
    board_hooks = {n for n, s in SPECS.items() if dispatch_of(s) is not Dispatch.STARTUP}
    facade = {n: a for n, a in vars(BoardHooks).items() if isinstance(a, hooks._Hook)}
    assert set(facade) == board_hooks
    for name, attribute in facade.items():
        assert attribute.spec is SPECS[name], name
        assert attribute.dispatch is dispatch_of(SPECS[name]), name
        # A first-answer or every-answer hook passes each plugin its own settings, first.
        first = next(iter(inspect.signature(SPECS[name]).parameters), "")
        assert (first == "settings") == isinstance(attribute, (hooks.First, hooks.Each)), name


def test_the_board_facade_refuses_a_hook_of_another_dispatch_or_name():
    with pytest.raises(TypeError, match="declared isolated"):
        hooks.First(hookspecs.page_fragments)
    # Python 3.11 reports an error in __set_name__ as a RuntimeError caused by it.
    with pytest.raises((TypeError, RuntimeError)) as refused:

        class Misnamed:
            brandin = hooks.First(hookspecs.branding)

    assert "calls the hook branding" in str(refused.value.__cause__ or refused.value)


def test_a_board_hook_takes_its_arguments_by_name(app, make_tenant):
    tenant = make_tenant("board-n")
    with app.app_context():
        board = tenant_plugins(db.session.get(Tenant, tenant.id)).hooks
        with pytest.raises(TypeError, match="by name"):
            board.branding(None)


def test_a_hook_cannot_be_called_with_another_dispatch_than_its_own(app, make_tenant):
    tenant = make_tenant("board-d")
    with app.app_context():
        plugins = tenant_plugins(db.session.get(Tenant, tenant.id))
        with pytest.raises(TypeError, match="declared first"):
            plugins.each(hookspecs.branding, tenant=None)
        with pytest.raises(TypeError, match="declared isolated"):
            get_host(app).call_each(hookspecs.page_fragments)


class OldStyleWrapper:
    @hookimpl(hookwrapper=True)
    def page_fragments(self, tenant, locale, page):
        yield


class NewStyleWrapper:
    @hookimpl(wrapper=True)
    def branding(self, tenant):
        return (yield)


@pytest.mark.parametrize("plugin", [OldStyleWrapper(), NewStyleWrapper()])
def test_a_plugin_that_wraps_a_hook_is_refused_at_registration(plugin):
    host = PluginHost()
    with pytest.raises(PluginLoadError, match="wrappers are not supported"):
        host.register(plugin, "wrapping")
    assert "wrapping" not in host.info
    assert host.pm.get_plugin("wrapping") is None


class Failing:
    @hookimpl
    def page_fragments(self, tenant, locale, page):
        raise RuntimeError("the fragment service is down")


FAILING = Failing()


def _board(application, slug):
    from core.platform.provisioning import create_tenant

    with application.app_context():
        with db.all_tenants():
            tenant = create_tenant(slug, f"{slug} Board", framework="lcspr-2023")
        db.session.commit()
        return tenant.id


def test_a_failure_in_one_worker_is_seen_by_every_other(app, app_with_plugins):
    worker = app_with_plugins(("failing", FAILING))
    tenant_id = _board(worker, "board-f")
    assert worker.test_client().get("/board-f/en/").status_code == 200
    # Another application (another worker, with a plugin host of its own) sees the failure.
    with app.app_context(), db.tenant_scope(tenant_id):
        seen = [(f.plugin, f.hook, f.error) for f in failures.recent()]
    assert ("failing", "page_fragments", "RuntimeError: the fragment service is down") in seen


def test_failures_are_kept_to_the_newest_few_per_board(app, monkeypatch):
    monkeypatch.setattr(failures, "KEEP", 3)
    tenant_id = _board(app, "board-k")
    other_id = _board(app, "board-l")
    with app.app_context():
        failures.note(other_id, "p", "page_fragments", "RuntimeError: elsewhere")
        for n in range(5):
            failures.note(tenant_id, "p", "page_fragments", f"RuntimeError: {n}")
    with app.app_context(), db.all_tenants():
        rows = db.session.scalars(select(PluginFailure).order_by(PluginFailure.id)).all()
        mine = [r.error for r in rows if r.tenant_id == tenant_id]
        assert mine == ["RuntimeError: 2", "RuntimeError: 3", "RuntimeError: 4"]
        assert [r.error for r in rows if r.tenant_id == other_id] == ["RuntimeError: elsewhere"]
