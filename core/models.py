"""Imports every model so `Base.metadata` is complete (migrations and schema checks use it)."""

from core.audit.models import AuditEvent
from core.auth.models import ApiToken, Membership, User
from core.family.models import ContactRequest, TextOverride
from core.plugins.models import PluginSetting
from core.tenancy.models import Tenant, TenantHostname

__all__ = [
    "ApiToken",
    "AuditEvent",
    "ContactRequest",
    "Membership",
    "PluginSetting",
    "Tenant",
    "TenantHostname",
    "TextOverride",
    "User",
]
