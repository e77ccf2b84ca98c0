"""A real S3 endpoint for the storage tests: moto's server on 127.0.0.1, spoken to over HTTP.

The server runs in a thread of the test process, so what it stores survives `stop()` and `start()`
on the same port: a fault test can take S3 away and bring it back with nothing lost.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import pytest
from s3_support import FAKE_CREDENTIALS, REGION, S3, S3Server

from core.testing import need


@pytest.fixture(scope="session")
def s3() -> Iterator[S3]:
    """A running moto S3 server with three buckets (one versioned) and a KMS key, for the session."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request otherwise
    with pytest.MonkeyPatch.context() as patch:
        for name, value in FAKE_CREDENTIALS.items():
            patch.setenv(name, value)
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE"):
            patch.delenv(name, raising=False)
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
        try:
            server = S3Server()
            server.start()
        except Exception as exc:
            need(False, f"moto's S3 server could not be started: {exc}")
        try:
            client = server.client()
            suffix = uuid.uuid4().hex[:8]
            names = [f"candour-{kind}-{suffix}" for kind in ("reports", "versioned", "own")]
            for name in names:
                client.create_bucket(
                    Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
                )
            client.put_bucket_versioning(
                Bucket=names[1], VersioningConfiguration={"Status": "Enabled"}
            )
            key_id = server.client("kms").create_key(Description="candour reports")["KeyMetadata"][
                "KeyId"
            ]
            yield S3(server, names[0], names[1], names[2], key_id)
        finally:
            server.stop()


@pytest.fixture
def s3_outage(s3: S3) -> Iterator[S3Server]:
    """The S3 server, for a test to `stop()` and `start()`; it is running again afterwards."""
    yield s3.server
    if not s3.server.running:
        s3.server.start()
