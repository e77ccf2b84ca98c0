"""The S3 storage backend: one bucket, one key prefix per board, encrypted and checksummed uploads.

Works with Amazon S3 and any S3-compatible store (set the endpoint URL). boto3 is imported only when
a store is built, so platforms on folder storage never load it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import posixpath
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import quote

from core.plugin_api import StorageConfig, StorageError, StorageNotFound, StoredObject

from .errors import translated

SSE_MODES = ("AES256", "aws:kms")
MAX_PRESIGN_SECONDS = 7 * 24 * 3600  # SigV4's own limit
_ENCODED_PREFIX, _ENCODED_SUFFIX = "=?utf-8?b?", "?="


class S3Storage:
    """Objects in one bucket under the board's prefix, each put with server-side encryption and a
    SHA-256 checksum that the store verifies on receipt and this backend verifies again afterwards.

    Test and tuning knobs come from `StorageConfig.options`: `connect_timeout`, `read_timeout`,
    `max_attempts`, `addressing_style` (`path` or `virtual`), `page_size` (keys per listing page) and
    `verify` (`read`, the default, or `checksum`; see `_stored_sha256`).
    """

    def __init__(self, config: StorageConfig) -> None:
        if not config.bucket:
            raise StorageError("S3 storage needs a bucket (CANDOUR_S3_BUCKET)")
        if config.sse not in SSE_MODES:
            raise StorageError(
                f"CANDOUR_S3_SSE={config.sse!r} is not supported: use AES256 or aws:kms"
            )
        self.bucket = config.bucket
        self.prefix = config.prefix.strip("/")
        if any(part in ("", ".", "..") for part in self.prefix.split("/")) and self.prefix:
            raise StorageError(f"not a valid storage prefix: {config.prefix!r}")
        self.endpoint_url = config.endpoint_url
        self.sse = config.sse
        self.kms_key_id = config.kms_key_id if config.sse == "aws:kms" else ""
        options = dict(config.options)
        self.verify = str(options.get("verify", "read"))
        self.page_size = int(options.get("page_size", 1000))
        self.client = _client(config, options)
        self._config = config
        self._probe: Any = None  # built on the first readiness check; most stores never need it

    # -- keys -------------------------------------------------------------------------------------

    def _key(self, key: str) -> str:
        """The object's full key; refuses anything that could leave the board's prefix."""
        if (
            not key
            or key.startswith("/")
            or "\\" in key
            or "\x00" in key
            or any(part in ("", ".", "..") for part in key.split("/"))
        ):
            raise StorageError(f"not a valid storage key: {key!r}")
        return f"{self.prefix}/{key}" if self.prefix else key

    def _relative(self, full_key: str) -> str:
        return full_key[len(self.prefix) + 1 :] if self.prefix else full_key

    def _errors(self, action: str, key: str = "") -> Any:
        return translated(
            action,
            key,
            bucket=self.bucket,
            endpoint=self.endpoint_url,
            kms_key_id=self.kms_key_id,
        )

    # -- the Storage interface --------------------------------------------------------------------

    def put(
        self, key: str, data: bytes, content_type: str, metadata: Mapping[str, str] | None = None
    ) -> StoredObject:
        """Store `data`; on a versioned bucket earlier versions stay, and the new one's id is kept."""
        full = self._key(key)
        digest = hashlib.sha256(data)
        args: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": full,
            "Body": data,
            "ContentType": content_type,
            "Metadata": _encode_metadata(metadata or {}),
            "ChecksumAlgorithm": "SHA256",
            "ChecksumSHA256": base64.b64encode(digest.digest()).decode(),
            "ServerSideEncryption": self.sse,
        }
        if self.kms_key_id:
            args["SSEKMSKeyId"] = self.kms_key_id
        with self._errors("store", key):
            response = self.client.put_object(**args)
        version_id = _version(response.get("VersionId"))
        stored = self._stored_sha256(full, version_id)
        if stored != digest.hexdigest():
            self._remove_version(full, version_id, key)
            raise StorageError(
                f"Could not store {key!r}: the stored copy does not match what was sent (checksum "
                "mismatch), so it was removed. Nothing else changed; try again."
            )
        return StoredObject(
            key, len(data), content_type, digest.hexdigest(), dict(metadata or {}), version_id
        )

    def _stored_sha256(self, full_key: str, version_id: str) -> str:
        """The SHA-256 (hex) of what the store now holds for this version.

        By default the object is read back and hashed: that proves it can be read, whatever the store
        (some S3-compatible stores only echo the checksum they were sent). With the option
        `verify="checksum"` the checksum S3 computed on receipt is trusted instead, for big objects.
        """
        args = _versioned({"Bucket": self.bucket, "Key": full_key}, version_id)
        with self._errors("verify", self._relative(full_key)):
            if self.verify == "checksum":
                head = self.client.head_object(ChecksumMode="ENABLED", **args)
                recorded = _hex_checksum(head.get("ChecksumSHA256"))
                if recorded:
                    return recorded
            return hashlib.sha256(self._read_back(args)).hexdigest()

    def _read_back(self, args: dict[str, Any]) -> bytes:
        # ChecksumMode makes botocore also compare the bytes with the checksum the store recorded.
        body = self.client.get_object(ChecksumMode="ENABLED", **args)["Body"]
        try:
            return bytes(body.read())
        finally:
            body.close()

    def _remove_version(self, full_key: str, version_id: str, key: str) -> None:
        with self._errors("remove the faulty copy of", key):
            self.client.delete_object(
                **_versioned({"Bucket": self.bucket, "Key": full_key}, version_id)
            )

    def get(self, key: str) -> bytes:
        full = self._key(key)
        with self._errors("read", key):
            body = self.client.get_object(Bucket=self.bucket, Key=full, ChecksumMode="ENABLED")[
                "Body"
            ]
            try:
                return bytes(body.read())
            finally:
                body.close()

    def stream(self, key: str, chunk_size: int = 65536) -> Iterator[bytes]:
        full = self._key(key)
        with self._errors("read", key):
            body = self.client.get_object(Bucket=self.bucket, Key=full)["Body"]

        def chunks() -> Iterator[bytes]:
            try:
                with self._errors("read", key):
                    yield from body.iter_chunks(chunk_size)
            finally:
                body.close()

        return chunks()

    def stat(self, key: str) -> StoredObject | None:
        full = self._key(key)
        try:
            with self._errors("look up", key):
                head = self.client.head_object(Bucket=self.bucket, Key=full, ChecksumMode="ENABLED")
        except StorageNotFound:
            return None
        return StoredObject(
            key=key,
            size=int(head.get("ContentLength", 0)),
            content_type=head.get("ContentType") or "application/octet-stream",
            sha256=_hex_checksum(head.get("ChecksumSHA256")),
            metadata=_decode_metadata(head.get("Metadata") or {}),
            version_id=_version(head.get("VersionId")),
        )

    def exists(self, key: str) -> bool:
        return self.stat(key) is not None

    def delete(self, key: str) -> None:
        """Remove the current object only. On a versioned bucket S3 adds a delete marker and every
        earlier version stays retrievable by its version id; deleting a missing key is not an error."""
        full = self._key(key)
        with self._errors("delete", key):
            self.client.delete_object(Bucket=self.bucket, Key=full)

    def purge(self, key: str) -> None:
        """Remove the object and, on a versioned bucket, every version and delete marker of it, so
        no earlier copy stays retrievable (a withdrawn report). Missing keys are not an error."""
        full = self._key(key)
        paginator = self.client.get_paginator("list_object_versions")
        with self._errors("delete", key):
            for page in paginator.paginate(Bucket=self.bucket, Prefix=full):
                found = [
                    {"Key": item["Key"], "VersionId": item["VersionId"]}
                    for group in ("Versions", "DeleteMarkers")
                    for item in page.get(group, ())
                    if item["Key"] == full
                ]
                for version in found:
                    self.client.delete_object(
                        Bucket=self.bucket, Key=full, VersionId=version["VersionId"]
                    )
            self.client.delete_object(Bucket=self.bucket, Key=full)

    def list(self, prefix: str = "") -> Iterator[StoredObject]:
        """Current objects whose key starts with `prefix`, page by page, each looked up in full."""
        if prefix.startswith("/") or ".." in prefix.split("/") or "\\" in prefix:
            raise StorageError(f"not a valid storage prefix: {prefix!r}")
        # The trailing slash keeps board "ab" out of board "a"'s listing.
        base = f"{self.prefix}/" if self.prefix else ""
        paginator = self.client.get_paginator("list_objects_v2")
        with self._errors("list", prefix):
            for page in paginator.paginate(
                Bucket=self.bucket,
                Prefix=base + prefix,
                PaginationConfig={"PageSize": self.page_size},
            ):
                for item in page.get("Contents", ()):
                    found = self.stat(self._relative(item["Key"]))
                    if found is not None:
                        yield found

    def download_url(self, key: str, expires: int = 300, filename: str = "") -> str | None:
        """A presigned GET that saves the file as `filename`, valid for `expires` seconds."""
        full = self._key(key)
        if not 1 <= expires <= MAX_PRESIGN_SECONDS:
            raise StorageError(f"a download link must last 1 to {MAX_PRESIGN_SECONDS} seconds")
        params = {
            "Bucket": self.bucket,
            "Key": full,
            "ResponseContentDisposition": content_disposition(filename or posixpath.basename(key)),
        }
        with self._errors("make a download link for", key):
            url: str = self.client.generate_presigned_url(
                "get_object", Params=params, ExpiresIn=expires
            )
        return url

    def local_path(self, key: str) -> str | None:
        return None

    def check(self) -> None:
        if self._probe is None:
            # Readiness must answer within a probe's timeout, so it neither retries nor waits long.
            options = self._config.options
            self._probe = _client(
                self._config,
                {
                    **options,
                    "max_attempts": 1,
                    "connect_timeout": min(float(options.get("connect_timeout", 2)), 2),
                    "read_timeout": min(float(options.get("read_timeout", 5)), 5),
                },
            )
        try:
            with self._errors("reach the storage bucket"):
                self._probe.head_bucket(Bucket=self.bucket)
        except StorageNotFound:
            raise StorageError(
                f"The storage bucket {self.bucket!r} does not exist. Check CANDOUR_S3_BUCKET or "
                "the board's own bucket setting."
            ) from None


def _client(config: StorageConfig, options: Mapping[str, Any]) -> Any:
    import boto3
    from botocore.config import Config

    settings = Config(
        retries={"max_attempts": int(options.get("max_attempts", 5)), "mode": "standard"},
        connect_timeout=float(options.get("connect_timeout", 5)),
        read_timeout=float(options.get("read_timeout", 30)),
        signature_version="s3v4",
        s3={"addressing_style": str(options.get("addressing_style", "auto"))},
    )
    session = boto3.session.Session()
    return session.client(
        "s3",
        region_name=config.region or None,
        endpoint_url=config.endpoint_url or None,
        config=settings,
    )


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the real name per RFC 5987."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    # Quotes, backslashes and per cent signs are read differently by different browsers.
    ascii_stem = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\%' else "-" for c in stem
    )
    safe_extension = "".join(c for c in extension if c.isascii() and c.isalnum())
    fallback = (ascii_stem.strip("- ") or "download") + (f".{safe_extension}" if dot else "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _versioned(args: dict[str, Any], version_id: str) -> dict[str, Any]:
    return {**args, "VersionId": version_id} if version_id else args


def _version(value: object) -> str:
    # Unversioned buckets report no id, or the literal "null".
    return "" if value in (None, "", "null") else str(value)


def _hex_checksum(value: object) -> str:
    """Hex of a base64 SHA-256 checksum; empty for none or a multipart (composite) checksum."""
    if not isinstance(value, str) or "-" in value:
        return ""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return ""
    return raw.hex() if len(raw) == 32 else ""


def _encode_metadata(metadata: Mapping[str, str]) -> dict[str, str]:
    """S3 metadata travels in HTTP headers: names must be ASCII; other values are RFC 2047-wrapped."""
    encoded = {}
    for name, value in metadata.items():
        if not name.isascii() or not name.replace("-", "").replace("_", "").isalnum():
            raise StorageError(f"metadata name {name!r} must be ASCII letters, digits, - or _")
        text = str(value)
        if not (text.isascii() and text.isprintable()) or text.startswith(_ENCODED_PREFIX):
            text = _ENCODED_PREFIX + base64.b64encode(text.encode()).decode() + _ENCODED_SUFFIX
        encoded[name.lower()] = text
    return encoded


def _decode_metadata(metadata: Mapping[str, str]) -> dict[str, str]:
    decoded = {}
    for name, value in metadata.items():
        if value.startswith(_ENCODED_PREFIX) and value.endswith(_ENCODED_SUFFIX):
            inner = value[len(_ENCODED_PREFIX) : -len(_ENCODED_SUFFIX)]
            with contextlib.suppress(binascii.Error, ValueError):
                value = base64.b64decode(inner, validate=True).decode()
        decoded[name] = value
    return decoded
