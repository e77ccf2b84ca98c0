"""Load plugins once per process; give each board a cached view of the plugins it has enabled.

Built-in plugins are found through the `candour.plugins` entry-point group exactly like third-party
ones. Optional hooks are dispatched one implementation at a time, so an exception in one plugin is
logged with the plugin's name and the board, and the page renders without that contribution.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib.metadata
import inspect
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy
from flask import Flask, current_app
from sqlalchemy import func, select

from core import db, hookspecs
from core.metrics import PLUGIN_FAILURES
from core.plugin_api import PROJECT_NAME, Format, Framework, SettingsSchema, TranslationSource
from core.plugins.models import PluginSetting

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "candour.plugins"

# The built-ins every installation is expected to have; each is loaded through its entry point.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "branding-default",
    "scr-2015",
    "lcspr-2023",
    "wales-cpr",
    "sar",
    "dardr",
    "wales-susr",
    "pdf",
    "large-print",
    "text",
    "braille",
    "audio",
    "docx",
    "easy-read",
    "storage-local",
    "storage-s3",
    "guard-identifiers",
)


class PluginLoadError(RuntimeError):
    """An installed plugin could not be loaded or registers something that clashes."""


def framework_problem(fw: Framework) -> str | None:
    """What is wrong with a framework's declarations (None: nothing): where it applies, its own
    fields, and the fields its steps and rules name."""
    from core.reviews.fields import CORE_FIELDS
    from core.tenancy.models import JURISDICTIONS

    unknown = [j for j in fw.jurisdictions if j not in JURISDICTIONS]
    if not fw.jurisdictions or unknown:
        return f"jurisdictions must be some of {', '.join(JURISDICTIONS)}, not {unknown or 'none'}"
    own = [f.key for f in fw.fields]
    if clash := [k for k in own if k in CORE_FIELDS] or len(set(own)) != len(own):
        return f"its own fields must be new, distinct names ({clash or own})"
    known = {*CORE_FIELDS, *own, "family_invited_on"}
    named = {f for t in fw.transitions for f in (*t.fields, *t.sets)}
    for rule in fw.obligations:
        named.update(rule.applies_if)
        named.update(n for n in (rule.met_by, rule.deadline.anchor if rule.deadline else "") if n)
    if missing := sorted(named - known):
        return f"names fields it does not have: {', '.join(missing)}"
    return None


@dataclass
class PluginInfo:
    """What the platform knows about one installed plugin."""

    name: str
    module: str
    version: str
    description: str
    distribution: str
    hooks: list[str] = field(default_factory=list)
    settings_schema: SettingsSchema | None = None
    default_enabled: bool = True
    builtin: bool = False


@dataclass(frozen=True)
class PluginFailure:
    plugin: str
    hook: str
    tenant: str
    error: str
    at: dt.datetime


class PluginHost:
    """The platform's one `PluginManager` and everything collected from plugins at start-up."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.info: dict[str, PluginInfo] = {}
        self.frameworks: dict[str, tuple[str, Framework]] = {}
        self.formats: dict[str, tuple[str, Format]] = {}
        self.translations: list[tuple[str, TranslationSource]] = []
        self.template_folders: list[str] = []
        self.static_folders: dict[str, str] = {}
        self.failures: collections.deque[PluginFailure] = collections.deque(maxlen=200)
        self._tenant_cache: dict[tuple[int, int], TenantPlugins] = {}
        self._lock = threading.Lock()

    # -- loading ------------------------------------------------------------------------------

    def load_entry_points(self) -> None:
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=_ep_key):
            if ep.name in self.info:
                continue
            try:
                module = ep.load()
            except Exception as exc:
                raise PluginLoadError(
                    f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
                ) from exc
            dist = ep.dist
            self.register(
                module,
                ep.name,
                version=dist.version if dist else "",
                distribution=dist.name if dist else "",
            )

    def register(
        self, plugin: ModuleType | object, name: str, *, version: str = "", distribution: str = ""
    ) -> None:
        """Register one plugin object under `name` (entry points call this; so may tests)."""
        if name in self.info:
            raise PluginLoadError(f"two plugins are named {name!r}")
        self.pm.register(plugin, name=name)
        doc = inspect.getdoc(plugin) or ""
        self.info[name] = PluginInfo(
            name=name,
            module=getattr(plugin, "__name__", type(plugin).__name__),
            version=version or str(getattr(plugin, "__version__", "")),
            description=doc.strip().split("\n\n")[0].replace("\n", " "),
            distribution=distribution,
            hooks=sorted(h.name for h in self.pm.get_hookcallers(plugin) or []),
            builtin=name in BUILTIN_PLUGINS,
        )

    def collect(self) -> None:
        """Ask every plugin, once, for what it registers. Clashing keys stop start-up."""
        self.frameworks.clear()
        self.formats.clear()
        self.translations.clear()
        self.template_folders.clear()
        self.static_folders.clear()
        for name, result in self.call_each("register_settings_schema"):
            self.info[name].settings_schema = result
        for name, result in self.call_each("plugin_default_enabled"):
            self.info[name].default_enabled = bool(result)
        for name, frameworks in self.call_each("register_frameworks"):
            for fw in frameworks or ():
                problem = framework_problem(fw)
                if problem:
                    raise PluginLoadError(f"framework {fw.key!r} of {name!r}: {problem}")
                self._add_unique(self.frameworks, fw.key, name, fw, "framework")
        for name, formats in self.call_each("register_formats"):
            for fmt in formats or ():
                self._add_unique(self.formats, fmt.key, name, fmt, "format")
        for name, sources in self.call_each("register_translations"):
            self.translations.extend((name, src) for src in sources or ())
        for _name, folders in self.call_each("register_template_folders"):
            self.template_folders.extend(str(f) for f in folders or ())
        for name, statics in self.call_each("register_static_folders"):
            for key, folder in (statics or {}).items():
                if key in self.static_folders:
                    raise PluginLoadError(f"static folder {key!r} of {name!r} is already taken")
                self.static_folders[key] = str(folder)

    @staticmethod
    def _add_unique(
        registry: dict[str, tuple[str, Any]], key: str, plugin: str, value: Any, kind: str
    ) -> None:
        if key in registry:
            raise PluginLoadError(
                f"{kind} {key!r} is registered by both {registry[key][0]!r} and {plugin!r}"
            )
        registry[key] = (plugin, value)

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a start-up hook on every installed plugin; errors propagate (start-up must fail)."""
        hook = getattr(self.pm.hook, hook_name)
        results = []
        for impl in reversed(hook.get_hookimpls()):
            result = impl.function(*[kwargs[a] for a in impl.argnames])
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    # -- per board ------------------------------------------------------------------------------

    def for_tenant(self, tenant_id: int, version: int, slug: str = "") -> TenantPlugins:
        key = (tenant_id, version)
        cached = self._tenant_cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._tenant_cache.get(key)
            if cached is None:
                cached = TenantPlugins(
                    self, tenant_id, slug, *self._load_tenant_settings(tenant_id)
                )
                for old in [k for k in self._tenant_cache if k[0] == tenant_id]:
                    del self._tenant_cache[old]
                self._tenant_cache[key] = cached
        return cached

    def invalidate(self, tenant_id: int | None = None) -> None:
        with self._lock:
            for key in [k for k in self._tenant_cache if tenant_id is None or k[0] == tenant_id]:
                del self._tenant_cache[key]

    def _load_tenant_settings(
        self, tenant_id: int
    ) -> tuple[frozenset[str], dict[str, dict[str, Any]]]:
        current = (
            select(PluginSetting.plugin, func.max(PluginSetting.version).label("version"))
            .where(PluginSetting.tenant_id == tenant_id)
            .group_by(PluginSetting.plugin)
            .subquery()
        )
        with db.tenant_scope(tenant_id):
            rows = db.session.scalars(
                select(PluginSetting).join(
                    current,
                    (PluginSetting.plugin == current.c.plugin)
                    & (PluginSetting.version == current.c.version),
                )
            ).all()
        chosen = {row.plugin: row for row in rows}
        enabled = set()
        settings: dict[str, dict[str, Any]] = {}
        for name, info in self.info.items():
            row = chosen.get(name)
            if (row.enabled if row else info.default_enabled) is True:
                enabled.add(name)
            defaults = info.settings_schema.defaults() if info.settings_schema else {}
            settings[name] = {**defaults, **(row.settings if row else {})}
        return frozenset(enabled), settings

    def record_failure(self, plugin: str, hook: str, tenant: str, exc: BaseException) -> None:
        self.failures.appendleft(
            PluginFailure(plugin, hook, tenant, f"{type(exc).__name__}: {exc}", _now())
        )
        PLUGIN_FAILURES.labels(plugin, hook).inc()
        log.error(
            "plugin %s failed in %s for tenant %s: %s",
            plugin,
            hook,
            tenant,
            exc,
            exc_info=exc,
            extra={"plugin": plugin, "hook": hook, "tenant": tenant},
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ep_key(ep: importlib.metadata.EntryPoint) -> tuple[int, str]:
    # Built-ins first, in their declared order; third-party plugins after them, by name.
    if ep.name in BUILTIN_PLUGINS:
        return (BUILTIN_PLUGINS.index(ep.name), ep.name)
    return (len(BUILTIN_PLUGINS), ep.name)


class TenantPlugins:
    """One board's view of the plugins: which are enabled, their settings, and safe hook calls."""

    def __init__(
        self,
        host: PluginHost,
        tenant_id: int,
        slug: str,
        enabled: frozenset[str],
        settings: dict[str, dict[str, Any]],
    ) -> None:
        self.host = host
        self.tenant_id = tenant_id
        self.slug = slug
        self.enabled = enabled
        self.settings = settings
        self._disabled = [host.pm.get_plugin(n) for n in host.info if n not in enabled]
        self._callers: dict[str, Any] = {}

    def is_enabled(self, name: str) -> bool:
        return name in self.enabled

    def _caller(self, hook_name: str) -> Any:
        caller = self._callers.get(hook_name)
        if caller is None:
            caller = self.host.pm.subset_hook_caller(hook_name, remove_plugins=self._disabled)
            self._callers[hook_name] = caller
        return caller

    def _impls(self, hook_name: str) -> Iterable[Any]:
        return reversed(self._caller(hook_name).get_hookimpls())

    def _invoke(self, impl: Any, kwargs: dict[str, Any]) -> Any:
        args = {**kwargs}
        if "settings" in impl.argnames:
            args["settings"] = dict(self.settings.get(impl.plugin_name, {}))
        return impl.function(*[args[a] for a in impl.argnames])

    def call(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call an optional hook on each enabled plugin; a failing plugin is logged and skipped."""
        results = []
        for impl in self._impls(hook_name):
            try:
                result = self._invoke(impl, kwargs)
            except Exception as exc:
                self.host.record_failure(impl.plugin_name, hook_name, self.slug, exc)
                continue
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    def call_all(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any, str]]:
        """Call every enabled implementation and keep failures: (plugin, result, error).

        For hooks that must fail closed (a check that raised must block, not be skipped).
        """
        answers = []
        for impl in self._impls(hook_name):
            try:
                answers.append((impl.plugin_name, self._invoke(impl, kwargs), ""))
            except Exception as exc:
                self.host.record_failure(impl.plugin_name, hook_name, self.slug, exc)
                answers.append((impl.plugin_name, None, f"{type(exc).__name__}: {exc}"))
        return answers

    def first(self, hook_name: str, **kwargs: Any) -> tuple[str, Any] | None:
        """Call a `firstresult` hook: the first enabled plugin that answers wins; failures skipped."""
        for impl in self._impls(hook_name):
            try:
                result = self._invoke(impl, kwargs)
            except Exception as exc:
                self.host.record_failure(impl.plugin_name, hook_name, self.slug, exc)
                continue
            if result is not None:
                return impl.plugin_name, result
        return None

    def trace(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any, str]]:
        """Call each enabled implementation of a hook and report (plugin, result, error) for each,
        failures included, in call order: what the board admin's plugin trace shows."""
        answers = []
        for impl in self._impls(hook_name):
            try:
                answers.append((impl.plugin_name, self._invoke(impl, kwargs), ""))
            except Exception as exc:
                answers.append((impl.plugin_name, None, f"{type(exc).__name__}: {exc}"))
        return answers

    def formats(self) -> list[tuple[str, Format]]:
        return [(p, f) for p, f in self.host.formats.values() if p in self.enabled]

    def translation_sources(self) -> list[TranslationSource]:
        return [src for p, src in self.host.translations if p in self.enabled]


def init_app(app: Flask, extra_plugins: Iterable[tuple[str, object]] = ()) -> None:
    host = PluginHost()
    host.load_entry_points()
    for name, plugin in extra_plugins:
        host.register(plugin, name)
    host.collect()
    app.extensions["candour.plugins"] = host


def get_host(app: Flask | None = None) -> PluginHost:
    return (app or current_app).extensions["candour.plugins"]


def tenant_plugins(tenant: Any) -> TenantPlugins:
    """The plugins of `tenant` (a Tenant row), cached per board and its content version."""
    return get_host().for_tenant(tenant.id, tenant.content_version, tenant.slug)
