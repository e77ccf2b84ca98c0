"""Imports every model so `Base.metadata` is complete (migrations and schema checks use it)."""

from core.audit.models import AuditEvent
from core.auth.models import ApiToken, Membership, RecoveryCode, StaffSession, User
from core.casework.models import (
    Action,
    ActionEvidence,
    Agency,
    AgencyRequest,
    AgencyReturn,
    BoardTheme,
    CaseworkSettings,
    ChronologyEntry,
    FamilyContact,
    Invitation,
    InvolvementPlan,
    Meeting,
    MeetingDecision,
    Recommendation,
    ReviewTheme,
    TimeRequest,
)
from core.digests.models import DigestPreference
from core.family.models import ContactRequest
from core.i18n.models import TextOverride
from core.jobs.models import JobFailure
from core.letters.models import FamilyLetter
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
    "Action",
    "ActionEvidence",
    "Agency",
    "AgencyRequest",
    "AgencyReturn",
    "ApiToken",
    "AuditEvent",
    "BoardTheme",
    "CaseworkSettings",
    "ChronologyEntry",
    "ContactRequest",
    "DigestPreference",
    "Extension",
    "FamilyContact",
    "FamilyLetter",
    "FamilyMember",
    "GuardHitRecord",
    "GuardOverride",
    "Invitation",
    "InvolvementPlan",
    "JobFailure",
    "Meeting",
    "MeetingDecision",
    "Membership",
    "Obligation",
    "OutboxMessage",
    "PanelMember",
    "ParallelProcess",
    "PluginFailure",
    "PluginSetting",
    "ProtectedIdentifier",
    "PublishedReport",
    "Recommendation",
    "RecoveryCode",
    "ReportFile",
    "Review",
    "ReviewAssignment",
    "ReviewEvent",
    "ReviewTheme",
    "StaffSession",
    "Tenant",
    "TenantHostname",
    "TextOverride",
    "TimeRequest",
    "User",
]
