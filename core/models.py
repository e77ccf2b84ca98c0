"""Imports every model so `Base.metadata` is complete (migrations and schema checks use it)."""

from core.audit.models import AuditEvent
from core.auth.models import ApiToken, Membership, StaffSession, User
from core.family.models import ContactRequest
from core.i18n.models import TextOverride
from core.jobs.models import JobFailure
from core.mail.models import OutboxMessage
from core.plugins.models import PluginFailure, PluginSetting
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
    "ApiToken",
    "AuditEvent",
    "ContactRequest",
    "Extension",
    "FamilyMember",
    "GuardHitRecord",
    "GuardOverride",
    "JobFailure",
    "Membership",
    "Obligation",
    "OutboxMessage",
    "PanelMember",
    "ParallelProcess",
    "PluginFailure",
    "PluginSetting",
    "ProtectedIdentifier",
    "PublishedReport",
    "ReportFile",
    "Review",
    "ReviewAssignment",
    "ReviewEvent",
    "StaffSession",
    "Tenant",
    "TenantHostname",
    "TextOverride",
    "User",
]
