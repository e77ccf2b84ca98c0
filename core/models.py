"""Imports every model so `Base.metadata` is complete (migrations and schema checks use it)."""

from core.audit.models import AuditEvent
from core.auth.models import ApiToken, Membership, User
from core.casework.models import (
    Agency,
    AgencyRequest,
    AgencyReturn,
    ChronologyEntry,
    Invitation,
    OutgoingMessage,
    TimeRequest,
)
from core.family.models import ContactRequest, TextOverride
from core.plugins.models import PluginSetting
from core.reports.models import GuardHitRecord, GuardOverride, PublishedReport, ReportFile
from core.reviews.models import (
    Extension,
    FamilyMember,
    Obligation,
    PanelMember,
    ParallelProcess,
    ProtectedIdentifier,
    Review,
    ReviewAssignment,
    ReviewEvent,
)
from core.tenancy.models import Tenant, TenantHostname

__all__ = [
    "Agency",
    "AgencyRequest",
    "AgencyReturn",
    "ApiToken",
    "AuditEvent",
    "ChronologyEntry",
    "ContactRequest",
    "Extension",
    "FamilyMember",
    "GuardHitRecord",
    "GuardOverride",
    "Invitation",
    "Membership",
    "Obligation",
    "OutgoingMessage",
    "PanelMember",
    "ParallelProcess",
    "PluginSetting",
    "ProtectedIdentifier",
    "PublishedReport",
    "ReportFile",
    "Review",
    "ReviewAssignment",
    "ReviewEvent",
    "Tenant",
    "TenantHostname",
    "TextOverride",
    "TimeRequest",
    "User",
]
