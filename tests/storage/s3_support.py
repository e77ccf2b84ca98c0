"""The moto S3 server the storage tests talk to over HTTP, and what the session creates on it."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

from core.plugin_api import StorageConfig

REGION = "eu-west-2"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "candour-test",
    "AWS_SECRET_ACCESS_KEY": "candour-test-secret",
    "AWS_DEFAULT_REGION": REGION,
}
# Short waits so that a stopped server fails a test quickly instead of hanging it.
FAST = {"connect_timeout": 1, "read_timeout": 5, "max_attempts": 2}


class S3Server:
    """moto's S3 (and KMS) server on 127.0.0.1; `stop()` takes it away, `start()` brings it back."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self._factory = ThreadedMotoServer
        self.port = 0
        self._server: Any = None

    def start(self) -> None:
        self._server = self._factory(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()
        self.port = self._server.get_host_and_port()[1]

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, service: str = "s3") -> Any:
        import boto3

        return boto3.client(service, endpoint_url=self.url, region_name=REGION)


@dataclass(frozen=True)
class S3:
    """The running server and what the session made on it."""

    server: S3Server
    bucket: str  # plain bucket
    versioned_bucket: str
    other_bucket: str  # for a board's own bucket
    kms_key_id: str

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, service: str = "s3") -> Any:
        return self.server.client(service)

    def config(self, prefix: str = "tenants/board-a", **fields: Any) -> StorageConfig:
        fields.setdefault("bucket", self.bucket)
        fields.setdefault("options", FAST)
        return StorageConfig(
            backend="s3", prefix=prefix, region=REGION, endpoint_url=self.url, **fields
        )


def nothing_listens_on(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0
