"""Turn boto3 and botocore failures into StorageError messages a board admin can act on.

The S3 error codes are precise but cryptic; the admin needs to know whether the bucket, the
credentials, the encryption key or the network is at fault, and which one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from core.plugin_api import StorageError, StorageNotFound

NOT_FOUND_CODES = frozenset({"NoSuchKey", "NoSuchVersion", "404", "NotFound"})
ACCESS_CODES = frozenset(
    {"AccessDenied", "403", "Forbidden", "AllAccessDisabled", "AccountProblem"}
)
CREDENTIAL_CODES = frozenset(
    {
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "ExpiredToken",
        "InvalidToken",
        "TokenRefreshRequired",
        "RequestTimeTooSkewed",
    }
)
CHECKSUM_CODES = frozenset({"BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch"})


@contextlib.contextmanager
def translated(
    action: str, key: str, *, bucket: str, endpoint: str, kms_key_id: str = ""
) -> Iterator[None]:
    """Run an S3 call; re-raise any boto failure as StorageError (NoSuchKey as StorageNotFound)."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as exc:
        raise from_client_error(exc, action, key, bucket, kms_key_id) from exc
    except BotoCoreError as exc:
        raise from_botocore_error(exc, action, key, bucket, endpoint) from exc


def from_client_error(
    exc: Exception, action: str, key: str, bucket: str, kms_key_id: str
) -> StorageError:
    error = getattr(exc, "response", {}).get("Error", {})
    code = str(error.get("Code", ""))
    detail = str(error.get("Message", "")) or code
    what = f"{action} {key!r}" if key else action
    if code in NOT_FOUND_CODES:
        return StorageNotFound(key)
    if code == "NoSuchBucket":
        return StorageError(
            f"Could not {what}: the storage bucket {bucket!r} does not exist. Check CANDOUR_S3_BUCKET "
            "or the board's own bucket setting."
        )
    if code.startswith("KMS.") or (code == "AccessDenied" and "kms" in detail.lower()):
        return StorageError(
            f"Could not {what}: the encryption key {kms_key_id or '(default)'} cannot be used "
            f"({detail}). Check the KMS key id and that the platform's role may use it."
        )
    if code in ACCESS_CODES:
        return StorageError(
            f"Could not {what}: access to bucket {bucket!r} was refused. Check that the platform's "
            "credentials or role may read and write it."
        )
    if code in CREDENTIAL_CODES:
        return StorageError(
            f"Could not {what}: the storage service did not accept the platform's credentials "
            f"({code}). Check the AWS access key, token or the machine's clock."
        )
    if code in CHECKSUM_CODES:
        return StorageError(
            f"Could not {what}: the storage service received different bytes from those sent "
            "(checksum mismatch). Nothing was stored; try again."
        )
    if code in {"SlowDown", "ServiceUnavailable", "InternalError", "503", "500"}:
        return StorageError(
            f"Could not {what}: the storage service is busy or failing ({code}) and still was "
            "after several retries. Try again in a few minutes."
        )
    return StorageError(f"Could not {what} in bucket {bucket!r}: {code}: {detail}")


def from_botocore_error(
    exc: Exception, action: str, key: str, bucket: str, endpoint: str
) -> StorageError:
    from botocore.exceptions import (
        ConnectionError,
        CredentialRetrievalError,
        NoCredentialsError,
        NoRegionError,
        PartialCredentialsError,
        ReadTimeoutError,
        ResponseStreamingError,
    )

    what = f"{action} {key!r}" if key else action
    where = endpoint or "Amazon S3"
    if isinstance(exc, NoCredentialsError | PartialCredentialsError | CredentialRetrievalError):
        return StorageError(
            f"Could not {what}: no usable AWS credentials were found. Set them in the environment "
            "or give the machine a role that may use the bucket."
        )
    if isinstance(exc, NoRegionError):
        return StorageError(f"Could not {what}: no S3 region is set (CANDOUR_S3_REGION).")
    if isinstance(exc, ReadTimeoutError | ResponseStreamingError):
        return StorageError(
            f"Could not {what}: the storage service at {where} stopped answering part-way. "
            "Try again in a few minutes."
        )
    if isinstance(exc, ConnectionError):
        return StorageError(
            f"Could not {what}: the storage service at {where} could not be reached. Check "
            "that it is running and that CANDOUR_S3_ENDPOINT_URL is right."
        )
    return StorageError(f"Could not {what} in bucket {bucket!r}: {exc}")
