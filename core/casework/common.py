"""What the casework services share: a line on the timeline of the review a record belongs to, an
entry of one of the board's own lists (agencies, themes), a promise tracked with the review's
deadlines, and an upload checked by its content and stored privately, outside the change's
transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import uuid
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from core import db
from core.audit.services import record
from core.casework.uploads import CheckedReturn, NotAccepted, check_return
from core.plugin_api import StorageError
from core.reports.services import max_upload_bytes
from core.reviews.context import Actor, ReviewError, check_date
from core.reviews.models import Obligation, Review
from core.reviews.services import log_event
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)
Record = TypeVar("Record", bound="HasId")
ID = object()  # in `added`'s details: the new record's id
NOT_STORED = "The file could not be stored just now. Nothing was saved; try again."
NAME_LIMIT = 200


def log_on_review(
    review_id: int, actor: Actor, kind: str, summary: str, details: dict[str, Any]
) -> Review:
    """Write a line on the timeline of the review a casework record belongs to."""
    review = _review(review_id)
    log_event(review, actor, kind, summary, details)
    return review


def _review(review: Review | int) -> Review:
    found = review if isinstance(review, Review) else db.session.get(Review, review)
    assert found is not None  # a casework record's review is its board's, and is there
    return found


def added(
    new: Record, review: Review | int, actor: Actor, kind: str, summary: str, /, **details: Any
) -> Record:
    """Add a new casework record and write its line on the timeline of its review (the review or
    its id). A detail given as `ID` is the new record's id, known only once it is added."""
    db.session.add(new)
    db.session.flush()
    log_event(
        _review(review),
        actor,
        kind,
        summary,
        {k: new.id if v is ID else v for k, v in details.items()},
    )
    return new


def date_ok(value: Any, field: str, errors: dict[str, str]) -> bool:
    """Whether the date (or None) is one a review may record; if not, why is `field`'s error."""
    try:
        check_date(value, field)
    except ReviewError as exc:
        errors.update(exc.errors)
        return False
    return True


class HasId(Protocol):
    @property
    def id(self) -> int: ...


class ListEntry(HasId, Protocol):
    @property
    def key(self) -> str: ...


Entry = TypeVar("Entry", bound=ListEntry)


@dataclass(frozen=True)
class ListEntryName:
    """How an entry of one of the board's own lists (its agencies, its learning themes) is named:
    `field`'s error is `missing` when no name is given, `too_long` past NAME_LIMIT characters."""

    field: str
    missing: str
    too_long: str

    def clean(self, value: str) -> str:
        """The name with its white space folded, or the field's error."""
        name = " ".join(value.split())
        if not name:
            raise ReviewError({self.field: self.missing})
        if len(name) > NAME_LIMIT:
            raise ReviewError({self.field: self.too_long})
        return name


def list_key(name: str, length: int, default: str) -> str:
    """A list entry's key made from its name: lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:length] or default


def add_to_list(actor: Actor, entry: Entry, what: str) -> Entry:
    """Add an entry to one of the board's own lists, audited as `casework.<what>_added`."""
    db.session.add(entry)
    db.session.flush()
    record(f"casework.{what}_added", f"{what}:{entry.id}", {"key": entry.key}, actor=actor.user)
    return entry


def add_promise(
    review: Review,
    actor: Actor,
    *,
    key: str,
    label: str,
    kind: str,
    due_on: dt.date,
    family_member_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> Obligation:
    """Track a promise to the family with the review's deadlines (made by people, not by a rule)
    and say so on the timeline."""
    promise = Obligation(key=key, label=label, kind=kind, due_on=due_on, from_rule=False)
    promise.family_member_id, promise.family_involvement = family_member_id, True
    review.obligations.append(promise)
    db.session.flush()
    log_event(
        review,
        actor,
        "promise_created",
        f"“{promise.label}” due {due_on.isoformat()}.",
        {"obligation": promise.key, **(details or {})},
    )
    return promise


def accept_file(data: bytes, *, chronology: bool, today: dt.date) -> CheckedReturn:
    """The upload checked by its size and content; what is wrong is the `file` field's error."""
    if len(data) > max_upload_bytes():
        mb = max_upload_bytes() // (1024 * 1024)
        raise ReviewError({"file": f"The file is larger than {mb} MB. Upload a smaller file."})
    try:
        return check_return(data, chronology=chronology, today=today)
    except NotAccepted as exc:
        raise ReviewError({"file": str(exc)}) from None


def store_privately(
    tenant: Tenant,
    data: bytes,
    checked: CheckedReturn,
    *,
    folder: str,
    meta: dict[str, str],
    field: str = "file",
) -> str:
    """Store a checked upload under `casework/<folder>/` and return its key. The transaction is
    released first (storing is slow); a store that does not answer is `field`'s error, with
    nothing saved."""
    key = f"casework/{folder}/{uuid.uuid4().hex}.{checked.file_format}"
    store = storage_for(tenant)
    db.release_transaction()
    try:
        store.put(key, data, checked.content_type, meta)
    except StorageError as exc:
        log.warning("casework %s not stored for %s: %s", folder, tenant.slug, exc)
        raise ReviewError({field: NOT_STORED}) from None
    return key


@dataclass(frozen=True)
class StoredUpload:
    """An upload checked by its content and stored privately."""

    checked: CheckedReturn
    storage_key: str
    size: int
    sha256: str

    def columns(self) -> dict[str, Any]:
        """What every record of an upload keeps of it (its file name aside)."""
        return {
            "file_format": self.checked.file_format,
            "storage_key": self.storage_key,
            "size": self.size,
            "sha256": self.sha256,
        }


def store_upload(
    tenant: Tenant,
    data: bytes,
    *,
    folder: str,
    meta: dict[str, str],
    today: dt.date,
    chronology: bool = False,
) -> StoredUpload:
    """Check an upload (`accept_file`) and store it under `casework/<folder>/` (`store_privately`),
    its SHA-256 in the stored metadata after `meta`."""
    checked = accept_file(data, chronology=chronology, today=today)
    digest = hashlib.sha256(data).hexdigest()
    key = store_privately(tenant, data, checked, folder=folder, meta={**meta, "sha256": digest})
    return StoredUpload(checked, key, len(data), digest)


def clean_filename(filename: str, default: str) -> str:
    """An uploaded file's own name, without its folders or characters a download header breaks on."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '"<>|*?:')[:200].strip()
    return name or default
