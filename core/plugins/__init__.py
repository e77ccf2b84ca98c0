"""The plugin manager: loading through entry points, per-board enabling, and safe hook dispatch.

Plugin authors import from `core.plugin_api`, not from here.
"""

from core.plugins.hooks import BoardHooks
from core.plugins.manager import (
    BUILTIN_PLUGINS,
    PluginHost,
    PluginInfo,
    TenantPlugins,
    get_host,
    init_app,
    tenant_plugins,
)

__all__ = [
    "BUILTIN_PLUGINS",
    "BoardHooks",
    "PluginHost",
    "PluginInfo",
    "TenantPlugins",
    "get_host",
    "init_app",
    "tenant_plugins",
]
