"""The S3 backend against moto's S3 server over HTTP: objects, encryption, checksums, versions,
presigned downloads, and boards kept apart by prefix and bucket."""

from __future__ import annotations

import base64
import hashlib
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
from s3_support import S3, nothing_listens_on

from core.plugin_api import StorageError, StorageNotFound
from core.storage import Stores
from core.testing import make_test_app
from plugins.storage_s3 import register_storage_backends
from plugins.storage_s3.backend import S3Storage

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


def _store(s3: S3, prefix: str = "tenants/board-a", **fields) -> S3Storage:
    return S3Storage(s3.config(prefix, **fields))


def test_the_plugin_registers_the_s3_backend():
    assert register_storage_backends() == {"s3": S3Storage}


def test_put_get_stream_stat_exists_delete(s3):
    store = _store(s3)
    stored = store.put("reports/7/final.pdf", PDF, "application/pdf", {"review": "7"})
    assert stored.size == len(PDF)
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert store.get("reports/7/final.pdf") == PDF
    assert b"".join(store.stream("reports/7/final.pdf", chunk_size=1000)) == PDF
    found = store.stat("reports/7/final.pdf")
    assert found is not None
    assert (found.key, found.size, found.content_type) == (
        "reports/7/final.pdf",
        len(PDF),
        "application/pdf",
    )
    assert found.sha256 == stored.sha256
    assert found.metadata == {"review": "7"}
    assert store.exists("reports/7/final.pdf")
    store.delete("reports/7/final.pdf")
    assert not store.exists("reports/7/final.pdf")
    assert store.stat("reports/7/final.pdf") is None
    with pytest.raises(StorageNotFound):
        store.get("reports/7/final.pdf")
    with pytest.raises(StorageNotFound):
        store.stream("reports/7/final.pdf")


def test_objects_live_under_the_boards_prefix_in_the_bucket(s3):
    _store(s3, "candour/tenants/board-a").put("formats/en/text/1.txt", b"hi", "text/plain")
    raw = s3.client().get_object(
        Bucket=s3.bucket, Key="candour/tenants/board-a/formats/en/text/1.txt"
    )
    assert raw["Body"].read() == b"hi"


def test_metadata_outside_ascii_comes_back_as_written(s3):
    store = _store(s3)
    store.put("reports/cy.pdf", PDF, "application/pdf", {"title": "Adolygiad Ymarfer Plant – Ŵyr"})
    assert store.stat("reports/cy.pdf").metadata == {"title": "Adolygiad Ymarfer Plant – Ŵyr"}


def test_list_pages_through_every_object_under_a_prefix(s3):
    store = _store(s3, "tenants/lister", options={"page_size": 10, "max_attempts": 2})
    pages: list[int] = []
    store.client.meta.events.register(
        "after-call.s3.ListObjectsV2",
        lambda parsed, **_: pages.append(len(parsed.get("Contents", []))),
    )
    for n in range(25):
        store.put(f"many/{n:02}.txt", b"x", "text/plain")
    store.put("other/one.txt", b"y", "text/plain")
    listed = [o.key for o in store.list("many/")]
    assert listed == [f"many/{n:02}.txt" for n in range(25)]
    assert pages == [10, 10, 5]
    assert {o.key for o in store.list()} == {*listed, "other/one.txt"}
    assert all(o.sha256 and o.content_type == "text/plain" for o in store.list())


def test_aes256_encryption_is_recorded_on_every_object(s3):
    store = _store(s3, sse="AES256")
    store.put("reports/aes.pdf", PDF, "application/pdf")
    head = s3.client().head_object(Bucket=s3.bucket, Key="tenants/board-a/reports/aes.pdf")
    assert head["ServerSideEncryption"] == "AES256"


def test_kms_encryption_records_the_boards_key(s3):
    store = _store(s3, sse="aws:kms", kms_key_id=s3.kms_key_id)
    store.put("reports/kms.pdf", PDF, "application/pdf")
    head = s3.client().head_object(Bucket=s3.bucket, Key="tenants/board-a/reports/kms.pdf")
    assert head["ServerSideEncryption"] == "aws:kms"
    assert head["SSEKMSKeyId"].endswith(s3.kms_key_id)
    assert store.get("reports/kms.pdf") == PDF


def test_an_unknown_encryption_mode_is_refused():
    from core.plugin_api import StorageConfig

    with pytest.raises(StorageError, match="AES256 or aws:kms"):
        S3Storage(StorageConfig(backend="s3", bucket="b-b-b", sse="none"))


def test_the_sha256_checksum_is_sent_and_stored(s3):
    _store(s3).put("reports/sum.pdf", PDF, "application/pdf")
    head = s3.client().head_object(
        Bucket=s3.bucket, Key="tenants/board-a/reports/sum.pdf", ChecksumMode="ENABLED"
    )
    assert base64.b64decode(head["ChecksumSHA256"]) == hashlib.sha256(PDF).digest()


def test_an_upload_that_reads_back_different_is_removed_and_refused(s3, monkeypatch):
    store = _store(s3, bucket=s3.versioned_bucket)
    good = store.put("reports/final.pdf", PDF, "application/pdf")
    # Stand-in for a store that corrupted the bytes: the verification read sees other bytes.
    monkeypatch.setattr(store, "_read_back", lambda args: PDF + b"flipped")
    with pytest.raises(StorageError, match="checksum mismatch"):
        store.put("reports/final.pdf", b"%PDF-1.7 second draft", "application/pdf")
    monkeypatch.undo()
    # The faulty version is gone and the earlier one is current again, unharmed.
    assert store.get("reports/final.pdf") == PDF
    versions = s3.client().list_object_versions(
        Bucket=s3.versioned_bucket, Prefix="tenants/board-a/reports/final.pdf"
    )["Versions"]
    assert [v["VersionId"] for v in versions] == [good.version_id]


def test_verifying_by_the_stores_checksum_also_works(s3):
    store = _store(s3, options={"verify": "checksum", "max_attempts": 2})
    stored = store.put("reports/big.pdf", PDF, "application/pdf")
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()


def test_overwriting_in_a_versioned_bucket_keeps_the_old_version(s3):
    store = _store(s3, bucket=s3.versioned_bucket)
    first = store.put("reports/draft.pdf", b"%PDF first", "application/pdf")
    second = store.put("reports/draft.pdf", b"%PDF second", "application/pdf")
    assert first.version_id and second.version_id and first.version_id != second.version_id
    assert store.stat("reports/draft.pdf").version_id == second.version_id
    assert store.get("reports/draft.pdf") == b"%PDF second"
    old = s3.client().get_object(
        Bucket=s3.versioned_bucket,
        Key="tenants/board-a/reports/draft.pdf",
        VersionId=first.version_id,
    )
    assert old["Body"].read() == b"%PDF first"


def test_delete_in_a_versioned_bucket_removes_only_the_current_object(s3):
    store = _store(s3, bucket=s3.versioned_bucket)
    kept = store.put("reports/gone.pdf", b"%PDF kept", "application/pdf")
    store.delete("reports/gone.pdf")
    assert not store.exists("reports/gone.pdf")
    old = s3.client().get_object(
        Bucket=s3.versioned_bucket,
        Key="tenants/board-a/reports/gone.pdf",
        VersionId=kept.version_id,
    )
    assert old["Body"].read() == b"%PDF kept"


def test_an_unversioned_bucket_reports_no_version_id(s3):
    assert _store(s3).put("reports/plain.pdf", PDF, "application/pdf").version_id == ""


def test_a_presigned_download_serves_the_bytes_with_the_file_name(s3):
    store = _store(s3, sse="aws:kms", kms_key_id=s3.kms_key_id)
    store.put("reports/final.pdf", PDF, "application/pdf")
    url = store.download_url("reports/final.pdf", expires=60, filename="Adroddiad – Plentyn C.pdf")
    assert url and url.startswith(s3.url) and "X-Amz-Signature=" in url
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == PDF
        disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Adroddiad - Plentyn C.pdf"')
    assert "filename*=UTF-8''Adroddiad%20%E2%80%93%20Plentyn%20C.pdf" in disposition


def test_a_presigned_download_lasts_only_as_long_as_asked(s3):
    store = _store(s3)
    url = store.download_url("reports/short.pdf", expires=90)
    assert "X-Amz-Expires=90&" in url
    for too_long in (0, 8 * 24 * 3600):
        with pytest.raises(StorageError, match="1 to 604800 seconds"):
            store.download_url("reports/short.pdf", expires=too_long)


def test_one_board_cannot_read_or_list_anothers_objects(s3):
    board_a = _store(s3, "tenants/a")
    board_ab = _store(s3, "tenants/ab")  # a prefix that starts with the other's
    board_a.put("reports/draft.pdf", b"%PDF board a", "application/pdf")
    board_ab.put("reports/own.pdf", b"%PDF board ab", "application/pdf")
    assert not board_ab.exists("reports/draft.pdf")
    with pytest.raises(StorageNotFound):
        board_ab.get("reports/draft.pdf")
    assert [o.key for o in board_ab.list()] == ["reports/own.pdf"]
    assert [o.key for o in board_a.list()] == ["reports/draft.pdf"]


@pytest.mark.parametrize(
    "key",
    [
        "../a/reports/draft.pdf",
        "reports/../../a/reports/draft.pdf",
        "/tenants/a/reports/draft.pdf",
        "reports//draft.pdf",
        "./draft.pdf",
        "reports\\draft.pdf",
        "reports/draft.pdf\x00",
        "",
    ],
)
def test_keys_that_try_to_leave_the_prefix_are_refused(s3, key):
    store = _store(s3, "tenants/b")
    for attempt in (
        lambda: store.put(key, b"x", "text/plain"),
        lambda: store.get(key),
        lambda: store.stat(key),
        lambda: store.delete(key),
        lambda: store.download_url(key),
    ):
        with pytest.raises(StorageError, match="not a valid storage key"):
            attempt()
    with pytest.raises(StorageError):
        list(store.list("../a/"))


def test_a_boards_own_bucket_and_prefix_are_used(s3, migrated_database):
    app = make_test_app(
        migrated_database,
        STORAGE="s3",
        S3_BUCKET=s3.bucket,
        S3_ENDPOINT_URL=s3.url,
        S3_REGION="eu-west-2",
        S3_PREFIX="candour",
    )
    with app.app_context():
        stores: Stores = app.extensions["candour.storage"]
        plain = stores.for_tenant(SimpleNamespace(slug="plain-board", storage_settings=None))
        own = stores.for_tenant(
            SimpleNamespace(
                slug="own-board",
                storage_settings={"bucket": s3.other_bucket, "prefix": "boards"},
            )
        )
    plain.put("reports/r.pdf", b"%PDF plain", "application/pdf")
    own.put("reports/r.pdf", b"%PDF own", "application/pdf")
    client = s3.client()
    body = client.get_object(Bucket=s3.bucket, Key="candour/tenants/plain-board/reports/r.pdf")
    assert body["Body"].read() == b"%PDF plain"
    body = client.get_object(Bucket=s3.other_bucket, Key="boards/tenants/own-board/reports/r.pdf")
    assert body["Body"].read() == b"%PDF own"
    assert "Contents" not in client.list_objects_v2(Bucket=s3.bucket, Prefix="boards/")


def test_a_boards_own_kms_key_is_used(s3, migrated_database):
    app = make_test_app(
        migrated_database, STORAGE="s3", S3_BUCKET=s3.bucket, S3_ENDPOINT_URL=s3.url
    )
    with app.app_context():
        store = app.extensions["candour.storage"].for_tenant(
            SimpleNamespace(
                slug="kms-board", storage_settings={"sse": "aws:kms", "kms_key_id": s3.kms_key_id}
            )
        )
    store.put("reports/k.pdf", PDF, "application/pdf")
    head = s3.client().head_object(Bucket=s3.bucket, Key="tenants/kms-board/reports/k.pdf")
    assert head["SSEKMSKeyId"].endswith(s3.kms_key_id)


def test_a_missing_bucket_is_named_in_the_message(s3):
    store = _store(s3, bucket="candour-no-such-bucket")
    with pytest.raises(StorageError, match=r"candour-no-such-bucket.*does not exist"):
        store.check()
    with pytest.raises(StorageError, match="does not exist"):
        store.put("reports/x.pdf", PDF, "application/pdf")


def test_a_stopped_server_gives_storage_errors_quickly(s3, s3_outage):
    store = _store(s3)
    store.put("reports/before.pdf", PDF, "application/pdf")
    s3_outage.stop()
    assert nothing_listens_on(s3_outage.port)
    started = time.monotonic()
    for attempt in (
        store.check,
        lambda: store.get("reports/before.pdf"),
        lambda: store.put("reports/during.pdf", PDF, "application/pdf"),
        lambda: store.stat("reports/before.pdf"),
        lambda: list(store.list()),
    ):
        with pytest.raises(StorageError, match="could not be reached") as failed:
            attempt()
        assert not isinstance(failed.value, StorageNotFound)
    assert time.monotonic() - started < 20
    s3_outage.start()
    store.check()
    assert store.get("reports/before.pdf") == PDF  # nothing was lost
    assert not store.exists("reports/during.pdf")
