"""Load plugins once per process; give each board a cached view of the plugins it has enabled.

Built-in plugins are found through the `candour.plugins` entry-point group exactly like third-party
ones. Optional hooks are dispatched one implementation at a time, so an exception in one plugin is
logged with the plugin's name and the board, and the page renders without that contribution.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy
from flask import Flask
from sqlalchemy import func, select

from core import caches, db, hookspecs
from core.hookspecs import Dispatch, dispatch_of
from core.metrics import PLUGIN_FAILURES
from core.plugin_api import PROJECT_NAME, Format, Framework, SettingsSchema, TranslationSource
from core.plugins import failures
from core.plugins.hooks import BoardHooks
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
    "notify-smtp",
)


class PluginLoadError(RuntimeError):
    """An installed plugin could not be loaded or registers something that clashes."""


def framework_problem(fw: Framework) -> str | None:
    """What is wrong with a framework's declarations (None: nothing): where it applies, its own
    fields, and the fields its steps and rules name."""
    from core.framework_rules import CORE_FIELDS
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
        wrappers = sorted(
            caller.name
            for caller in self.pm.get_hookcallers(plugin) or []
            for impl in caller.get_hookimpls()
            if impl.plugin_name == name and (impl.hookwrapper or impl.wrapper)
        )
        if wrappers:
            self.pm.unregister(plugin, name=name)
            raise PluginLoadError(
                f"plugin {name!r} wraps {', '.join(wrappers)}: hook wrappers are not supported "
                "(every implementation is called on its own, so a wrapper would have nothing to wrap)"
            )
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
        for name, result in self.call_each(hookspecs.register_settings_schema):
            self.info[name].settings_schema = result
        for name, result in self.call_each(hookspecs.plugin_default_enabled):
            self.info[name].default_enabled = bool(result)
        for name, frameworks in self.call_each(hookspecs.register_frameworks):
            for fw in frameworks or ():
                problem = framework_problem(fw)
                if problem:
                    raise PluginLoadError(f"framework {fw.key!r} of {name!r}: {problem}")
                self._add_unique(self.frameworks, fw.key, name, fw, "framework")
        for name, formats in self.call_each(hookspecs.register_formats):
            for fmt in formats or ():
                self._add_unique(self.formats, fmt.key, name, fmt, "format")
        for name, sources in self.call_each(hookspecs.register_translations):
            self.translations.extend((name, src) for src in sources or ())
        for _name, folders in self.call_each(hookspecs.register_template_folders):
            self.template_folders.extend(str(f) for f in folders or ())
        for name, statics in self.call_each(hookspecs.register_static_folders):
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

    def call_each(self, spec: Callable[..., Any], **kwargs: Any) -> list[tuple[str, Any]]:
        """`Dispatch.STARTUP`: call a hook on every installed plugin; errors propagate (start-up must
        fail)."""
        if dispatch_of(spec) is not Dispatch.STARTUP:
            raise TypeError(f"hook {spec.__name__} is declared {dispatch_of(spec).value}")
        hook = getattr(self.pm.hook, spec.__name__)
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

    def record_failure(
        self, plugin: str, hook: str, tenant_id: int | None, tenant: str, exc: BaseException
    ) -> None:
        """Log a plugin's failure against the plugin, hook and board, count it, and record it in the
        database for the board admin's trace (`core.plugins.failures`)."""
        failures.note(tenant_id, plugin, hook, f"{type(exc).__name__}: {exc}")
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

    def _run(
        self, spec: Callable[..., Any], kwargs: dict[str, Any], *, record: bool = True
    ) -> Iterator[tuple[str, Any, str]]:
        """(plugin, result, error) from each enabled implementation in call order: the one loop
        every dispatch policy is built on. With `record`, a failure is recorded against the plugin."""
        hook_name = spec.__name__
        for impl in self._impls(hook_name):
            try:
                yield impl.plugin_name, self._invoke(impl, kwargs), ""
            except Exception as exc:
                if record:
                    self.host.record_failure(
                        impl.plugin_name, hook_name, self.tenant_id, self.slug, exc
                    )
                yield impl.plugin_name, None, f"{type(exc).__name__}: {exc}"

    @staticmethod
    def _expect(spec: Callable[..., Any], dispatch: Dispatch) -> None:
        if dispatch_of(spec) is not dispatch:
            raise TypeError(f"hook {spec.__name__} is declared {dispatch_of(spec).value}")

    def first(self, spec: Callable[..., Any], **kwargs: Any) -> tuple[str, Any] | None:
        """`Dispatch.FIRST`: the first enabled plugin that answers wins; a failing one is skipped."""
        self._expect(spec, Dispatch.FIRST)
        for plugin, result, error in self._run(spec, kwargs):
            if not error and result is not None:
                return plugin, result
        return None

    def each(self, spec: Callable[..., Any], **kwargs: Any) -> list[tuple[str, Any]]:
        """`Dispatch.ISOLATED`: every enabled plugin's answer; a failing plugin is skipped."""
        self._expect(spec, Dispatch.ISOLATED)
        return [(p, r) for p, r, error in self._run(spec, kwargs) if not error and r is not None]

    def answers(self, spec: Callable[..., Any], **kwargs: Any) -> list[tuple[str, Any, str]]:
        """`Dispatch.FAIL_CLOSED`: (plugin, result, error) from every enabled plugin, failures kept
        so that the caller can block on them."""
        self._expect(spec, Dispatch.FAIL_CLOSED)
        return list(self._run(spec, kwargs))

    def trace(self, spec: Callable[..., Any], **kwargs: Any) -> list[tuple[str, Any, str]]:
        """(plugin, result, error) from each enabled implementation, failures included and not
        recorded, in call order: what the board admin's plugin trace shows."""
        return list(self._run(spec, kwargs, record=False))

    @property
    def hooks(self) -> BoardHooks:
        """This board's hooks, one typed method each."""
        return BoardHooks(self)

    def formats(self) -> list[tuple[str, Format]]:
        return [(p, f) for p, f in self.host.formats.values() if p in self.enabled]

    def translation_sources(self) -> list[TranslationSource]:
        return [src for p, src in self.host.translations if p in self.enabled]


get_host = caches.AppCache[PluginHost]("candour.plugins", PluginHost.invalidate)


def init_app(app: Flask, extra_plugins: Iterable[tuple[str, object]] = ()) -> None:
    host = PluginHost()
    host.load_entry_points()
    for name, plugin in extra_plugins:
        host.register(plugin, name)
    host.collect()
    get_host.keep(app, host)
    failures.init_app(app)


def tenant_plugins(tenant: Any) -> TenantPlugins:
    """The plugins of `tenant` (a Tenant row), cached per board and its content version."""
    return get_host().for_tenant(tenant.id, tenant.content_version, tenant.slug)
