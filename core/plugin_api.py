"""Everything a plugin may import from the core, in one place.

Plugin authors import from here and nowhere else in `core`: the `hookimpl` marker, the document model,
and the small dataclasses that hooks take and return. Everything else in `core` is private to the core.
"""

from __future__ import annotations

import email.policy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Literal, Protocol, runtime_checkable

import pluggy

from core.document import (
    Block,
    BulletList,
    ContactBlock,
    Document,
    Link,
    Paragraph,
    Section,
)
from core.framework_rules import (
    DeadlineRule,
    Export,
    ObligationRule,
    ObligationView,
    ReviewField,
    ReviewView,
    Stage,
    Transition,
)

PROJECT_NAME = "candour"
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

__all__ = [
    "Block",
    "Branding",
    "BulletList",
    "ContactBlock",
    "Document",
    "Framework",
    "LeafletContext",
    "Link",
    "PageFragment",
    "Paragraph",
    "Section",
    "Setting",
    "SettingsSchema",
    "TenantView",
    "TranslationSource",
    "hookimpl",
]


@dataclass(frozen=True)
class TenantView:
    """A read-only view of a board, as plugins see it."""

    id: int
    slug: str
    name: str
    jurisdiction: str  # "england", "wales", "scotland", "northern-ireland"
    framework: str  # framework key, e.g. "scr-2015"
    default_locale: str
    locales: tuple[str, ...]
    # Who families contact, as the leaflet and the contact page show it; empty fields are left out.
    contact_role: str = ""  # a named role, e.g. "Safeguarding Partnership business manager"
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    more_info_url: str = ""  # the board's own page about its reviews
    guidance_url: str = ""  # the national guidance the board's framework follows
    panel_agencies: tuple[str, ...] = ()
    target_months: int = 6


@dataclass(frozen=True)
class Branding:
    """How a board's pages look. Colours are CSS hex strings; `logo_url` may be empty."""

    name: str
    primary_colour: str = "#1d4f91"
    primary_text_colour: str = "#ffffff"
    link_colour: str = "#1d4f91"
    logo_url: str = ""
    logo_alt: str = ""
    # A demonstration board: every page says it is not a real service.
    demonstration: bool = False


SettingType = Literal["str", "text", "int", "bool", "colour", "url", "email", "choice"]


@dataclass(frozen=True)
class Setting:
    """One setting a plugin declares; board admins edit it in a generated form."""

    name: str
    type: SettingType = "str"
    default: Any = None
    label: str = ""
    help: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    min: int | None = None
    max: int | None = None
    validate: Callable[[Any], str | None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SettingsSchema:
    """The settings a plugin declares, with types, defaults and validation."""

    settings: tuple[Setting, ...]

    def defaults(self) -> dict[str, Any]:
        return {s.name: s.default for s in self.settings}


@dataclass(frozen=True)
class LeafletContext:
    """What a framework plugin needs to write the family leaflet for one board in one locale.

    `gettext` and `ngettext` already apply the board's text overrides; `format_date` formats in the locale;
    `settings` are the board's settings of the plugin that registered the framework.
    """

    tenant: TenantView
    locale: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    format_date: Callable[[Any], str]
    language_name: str = ""
    # The board's settings of the framework's plugin (e.g. who provides advocates locally).
    settings: Mapping[str, Any] = field(default_factory=dict)
    # The keys of the alternate formats the board offers in this locale ("braille", ...), in order.
    formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A review framework (Serious Case Review, Child Practice Review, ...).

    `leaflet` builds the family information document. Later fields carry stages and deadline rules.
    """

    key: str
    name: str
    jurisdictions: tuple[str, ...]
    leaflet: Callable[[LeafletContext], Document]
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Review tracking: the first stage is where a new review starts.
    stages: tuple[Stage, ...] = ()
    transitions: tuple[Transition, ...] = ()
    obligations: tuple[ObligationRule, ...] = ()
    review_types: tuple[str, ...] = ()
    settings: SettingsSchema | None = None  # timescales a board may change, with their defaults
    calendars: Mapping[str, str] = field(default_factory=dict)  # jurisdiction -> holidays subdiv
    # What this framework records beyond the core's fields, what it calls the core's fields (label
    # and hint by field name, e.g. who a notification goes to; "decision:<value>" names a decision),
    # and the national returns it sends.
    fields: tuple[ReviewField, ...] = ()
    person: str = "Child"  # how pseudonyms name the person at the centre ("Child A", "Adult A")
    field_text: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    exports: tuple[Export, ...] = ()


@dataclass(frozen=True)
class TranslationSource:
    """A gettext catalog folder a plugin contributes: `<directory>/<locale>/LC_MESSAGES/<domain>.mo|.po`.

    `locale` names a locale the plugin adds or extends; `native_name` is the language's name in itself.
    """

    locale: str
    directory: str
    native_name: str
    domain: str = "messages"
    direction: Literal["ltr", "rtl"] = "ltr"


@dataclass(frozen=True)
class PageFragment:
    """HTML a plugin adds to a named slot of a page ("banner", "main_end", "footer").

    `html` must be safe markup (escape anything user-supplied); it is inserted as is.
    """

    slot: str
    html: str


@dataclass(frozen=True)
class RenderContext:
    """What a format's render function gets besides the document: the board's branding and fonts."""

    branding: Branding
    tenant: TenantView
    settings: Mapping[str, Any] = field(default_factory=dict)
    # The board's uploaded logo (PNG, JPEG or sanitised SVG) and its media type; empty when none.
    # A format has no request to fetch `branding.logo_url` with, so the bytes come with the context.
    logo: bytes = b""
    logo_media_type: str = ""
    # gettext for the board and the locale being rendered (the board's overrides, then the catalogs),
    # for a format that writes words of its own; it returns the message itself when it has none.
    gettext: Callable[[str], str] = field(default=lambda message: message, compare=False)


@dataclass(frozen=True)
class Format:
    """An alternate format of the family leaflet (PDF, braille, audio, ...).

    `label` and `description` take a gettext function so they are shown in the reader's language.
    `locales` is the set of locales the format can serve (None: every locale). `available` returns
    None when the format can run on this machine, or a reason it cannot (a missing binary), which the
    operator sees; the format is then not offered. `html_page`, if set, returns an HTML fragment
    (no <html> or <body>) that the core shows inside the board's layout as a readable web page
    at `/<t>/<l>/formats/<key>/read`. `serves`, if set, says whether the format can serve this
    board in a locale `locales` allows, given the board's gettext for it (every message it needs is
    translated there, say); the format is offered only where it returns True.
    """

    key: str
    label: Callable[[Callable[[str], str]], str]
    description: Callable[[Callable[[str], str]], str]
    media_type: str
    extension: str
    render: Callable[[Document, RenderContext], bytes]
    locales: frozenset[str] | None = None
    available: Callable[[], str | None] = field(default=lambda: None, compare=False)
    html_page: Callable[[Document, RenderContext], str] | None = field(default=None, compare=False)
    serves: Callable[[TenantView, str, Callable[[str], str]], bool] | None = field(
        default=None, compare=False
    )

    def offered_in(self, tenant: TenantView, locale: str, gettext: Callable[[str], str]) -> bool:
        """Whether the format is offered to this board in `locale` (`locales`, then `serves`)."""
        if self.locales is not None and locale not in self.locales:
            return False
        return self.serves is None or self.serves(tenant, locale, gettext)


__all__ += ["Format", "RenderContext"]
__all__ += [
    "DeadlineRule",
    "Export",
    "ObligationRule",
    "ObligationView",
    "ReviewField",
    "ReviewView",
    "Stage",
    "Transition",
]


# ---------------------------------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------------------------------


class StorageError(RuntimeError):
    """The storage backend failed (unreachable, refused, timed out). Nothing was changed."""


class StorageNotFound(StorageError, KeyError):
    """No object is stored under that key."""


@dataclass(frozen=True)
class StoredObject:
    """What the backend knows of one stored object."""

    key: str
    size: int  # bytes
    content_type: str
    sha256: str = ""  # hex, as stored with the object; empty if the backend does not know it
    metadata: Mapping[str, str] = field(default_factory=dict)  # the string pairs put with it
    version_id: str = ""  # the backend's version of the object, where it keeps versions


@dataclass(frozen=True)
class StorageConfig:
    """How the operator configured a backend, for the platform or for one board.

    `prefix` already includes the board's own prefix when the backend is built for a board.
    """

    backend: str  # the backend's key: "local", "s3" or a plugin's own
    path: str = ""  # local: the folder the objects are kept in (CANDOUR_STORAGE_PATH)
    bucket: str = ""  # s3: the bucket (CANDOUR_S3_BUCKET, or the board's own)
    prefix: str = ""  # the key prefix every object is stored under
    region: str = ""  # s3: the bucket's region (CANDOUR_S3_REGION)
    endpoint_url: str = ""  # s3: another S3-compatible service's address (CANDOUR_S3_ENDPOINT_URL)
    sse: str = "AES256"  # s3: server-side encryption, "AES256" or "aws:kms" (CANDOUR_S3_SSE)
    kms_key_id: str = ""  # s3: the KMS key when `sse` is "aws:kms" (CANDOUR_S3_KMS_KEY_ID)
    options: Mapping[str, Any] = field(default_factory=dict)  # tuning a backend reads for itself


class Storage(Protocol):
    """Where reports and rendered formats are kept. Keys are relative, `/`-separated paths."""

    def put(
        self,
        key: str,
        data: bytes,
        content_type: str,
        metadata: Mapping[str, str] | None = None,
    ) -> StoredObject: ...

    def get(self, key: str) -> bytes: ...

    def stream(self, key: str, chunk_size: int = 65536) -> Iterator[bytes]: ...

    def stat(self, key: str) -> StoredObject | None: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...

    # Optional: `purge(key)` removes the object and every earlier version of it (a withdrawn
    # report must leave nothing retrievable). Backends that keep no versions may leave it out;
    # the core then calls `delete`.

    def list(self, prefix: str = "") -> Iterator[StoredObject]: ...

    def download_url(self, key: str, expires: int = 300, filename: str = "") -> str | None:
        """A time-limited URL for a direct download, or None where the backend has none."""
        ...

    def local_path(self, key: str) -> str | None:
        """The file's path where the backend keeps files on this machine, else None."""
        ...

    def check(self) -> None:
        """Raise StorageError if the backend cannot be reached (readiness)."""
        ...


__all__ += ["Storage", "StorageConfig", "StorageError", "StorageNotFound", "StoredObject"]


# ---------------------------------------------------------------------------------------------------
# Publication
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentifierView:
    """One protected identifier of a review, decrypted for an anonymisation check only.

    `kind` is one of "name", "address", "date_of_birth", "school", "other". Never log or store it.
    """

    id: int
    kind: str
    value: str


@dataclass(frozen=True)
class GuardHit:
    """Something in a report that must not be published: where it is and what was found.

    `page` is 1-based, or None for a part of the file that belongs to no page. `field` names the
    part: "text" for a page's laid-out text, a metadata field ("author", "title", "subject",
    "keywords", "creator", "producer"), or a `TextPart.where`. `found` is the text as it appears; `before` and `after` are a little of
    the text either side, so a reviewer can find it. `identifier_id` names the identifier matched,
    if any; `kind` is its kind, or the name of the plugin's own check.
    """

    kind: str
    found: str
    page: int | None = None
    field: str = "text"
    before: str = ""
    after: str = ""
    identifier_id: int | None = None
    message: str = ""


@dataclass(frozen=True)
class TextPart:
    """Text from a part of a report other than its laid-out pages, for an anonymisation check.

    `where` is a fixed label for the part ("annotation", "form field", "bookmark", "document
    information", "XMP metadata", "name tree", "optional content", "alternate text", "scanned
    text", "attached file 1", "page content", "other PDF data"...): it never holds text from the
    PDF, so it may be shown. `page` is 1-based where the part belongs to a page. A `fallback` part
    repeats what other parts already hold (every text operator of a page; every string in the
    file): report a hit in it only if the same text was not found elsewhere.
    """

    where: str
    text: str
    page: int | None = None
    fallback: bool = False


__all__ += ["GuardHit", "IdentifierView", "TextPart"]


# ---------------------------------------------------------------------------------------------------
# Mail
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingMail:
    """One message, ready to send: a multipart (plain text and HTML) e-mail with its headers.

    `message_id` is stable across retries (the outbox row's), so a relay or a folder that sees the
    same message twice can tell. Never log `to`.
    """

    to: str
    sender: str
    subject: str
    text: str
    html: str
    message_id: str
    headers: Mapping[str, str] = field(default_factory=dict)

    def as_email(self) -> EmailMessage:
        """The MIME message: plain text and HTML alternatives, with every header."""
        # Lines up to RFC 5322's limit: a long header such as a signed List-Unsubscribe link is
        # sent as it is, not cut into encoded words that mail programs would not follow.
        message = EmailMessage(policy=email.policy.default.clone(max_line_length=998))
        message["From"] = self.sender
        message["To"] = self.to
        message["Subject"] = self.subject
        message["Message-ID"] = self.message_id
        message["Date"] = formatdate(usegmt=True)
        message["Auto-Submitted"] = "auto-generated"
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        return message


@dataclass(frozen=True)
class NotifierConfig:
    """How the operator configured mail: `url` is `CANDOUR_SMTP_URL` (scheme chooses the notifier),
    `sender` is `CANDOUR_MAIL_FROM`, `folder` is where the embedded default writes `.eml` files."""

    url: str
    sender: str
    folder: str = ""
    timeout: float = 30.0


class MailError(RuntimeError):
    """The message could not be handed over; the worker keeps it and tries again later."""


@runtime_checkable
class Notifier(Protocol):
    """Hands messages to something that delivers them (a relay, a folder)."""

    def send(self, mail: OutgoingMail) -> None:
        """Deliver one message or raise (any exception means "not sent, try again")."""
        ...

    def check(self) -> None:
        """Raise MailError if the relay cannot be reached (for the operator's checks)."""
        ...


__all__ += ["MailError", "Notifier", "NotifierConfig", "OutgoingMail"]
