"""The embedded default takes concurrent writers: report uploads, family contact forms and CLI writes,
all at once, against the app served by gunicorn (several worker processes) on one SQLite file. None
may answer 5xx, and nothing may say "database is locked"."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.testing import need

pytestmark = pytest.mark.db_independent  # it runs on its own SQLite file, whatever the suite uses

CANDOUR = Path(sys.executable).parent / "candour"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PASSWORD = "a long passphrase for the concurrency test"


@dataclass
class Served:
    url: str
    env: dict[str, str]
    log: Path
    token: str
    review_id: int


def cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CANDOUR), *args], env=env, input=stdin, capture_output=True, text=True, timeout=300
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], deadline_s: float = 120) -> None:
    """Poll /healthz until the server answers (a condition, bounded so a broken start fails)."""
    give_up = time.monotonic() + deadline_s
    while time.monotonic() < give_up:
        assert server.poll() is None, "the server exited while starting"
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer {url}/healthz")


def request(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    opener: urllib.request.OpenerDirector | None = None,
) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    need(CANDOUR.exists(), f"{CANDOUR} is missing: install Candour (make install-test)")
    folder = tmp_path_factory.mktemp("sqlite-concurrency")
    env = {
        **os.environ,
        "CANDOUR_ENV": "development",
        "CANDOUR_DATABASE_URL": f"sqlite:///{folder / 'candour.db'}",
        "CANDOUR_STORAGE_PATH": str(folder / "storage"),
        # Its own instance folder: rate limits, locks, mail and the job queue of this server only.
        "CANDOUR_INSTANCE_PATH": str(folder / "instance"),
        "CANDOUR_REDIS_URL": "",
        "CANDOUR_TEST_DATABASE_URL": "",
    }
    for args in (("db", "upgrade"), ("tenants", "load")):
        done = cli(env, *args)
        assert done.returncode == 0, done.stderr
    made = cli(
        env, "users", "create", "manager@northmoor.example", "--tenant", "northmoor",
        "--role", "review_manager", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    minted = cli(
        env, "tokens", "create", "--tenant", "northmoor", "--email", "manager@northmoor.example"
    )
    assert minted.returncode == 0, minted.stderr
    token = minted.stdout.strip().splitlines()[-1].strip()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = folder / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(CANDOUR), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "4"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(url, server)
        status, body = request(
            f"{url}/api/v1/reviews",
            data=json.dumps({"reference": "CONC-1", "pseudonym": "Child C"}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        assert status == 201, body
        yield Served(url, env, log, token, json.loads(body)["id"])
    finally:
        server.terminate()
        server.wait(timeout=60)


def upload(served: Served, pdf: bytes, n: int) -> int:
    body, kind = multipart({"kind": "draft"}, f"draft-{n}.pdf", pdf)
    status, _ = request(
        f"{served.url}/api/v1/reviews/{served.review_id}/reports",
        data=body,
        headers={"Authorization": f"Bearer {served.token}", "Content-Type": kind},
    )
    return status


def contact(served: Served, slug: str, n: int) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = f"{served.url}/{slug}/en/contact"
    status, body = request(page, opener=opener)
    assert status == 200
    match = CSRF.search(body.decode())
    assert match
    form = urllib.parse.urlencode(
        {
            "csrf_token": match.group(1),
            "kind": "views",
            "name": f"Parent {n}",
            "contact": f"parent{n}@example.org",
            "message": "We would like to give our views.",
        }
    ).encode()
    req = urllib.request.Request(
        page, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with opener.open(req, timeout=120) as response:  # follows the redirect to the "sent" page
            return response.status if "/en/contact/sent" in response.url else -1
    except urllib.error.HTTPError as exc:
        return exc.code


def create_board(served: Served, n: int) -> subprocess.CompletedProcess[str]:
    return cli(
        served.env, "tenants", "create", f"concurrent-{n}", "--name", f"Concurrent Board {n}"
    )


def test_concurrent_uploads_contact_forms_and_cli_writes_all_succeed(served: Served) -> None:
    from weasyprint import HTML

    report = HTML(string="<h1>Draft report</h1><p>Agencies shared what they knew.</p>").write_pdf()
    with ThreadPoolExecutor(max_workers=12) as pool:
        uploads = [pool.submit(upload, served, report, n) for n in range(6)]
        # Two boards; five messages in all, so that the per-address limit cannot refuse one.
        contacts = [
            pool.submit(contact, served, slug, n)
            for n, slug in enumerate(["northmoor", "salford", "northmoor", "salford", "salford"])
        ]
        boards = [pool.submit(create_board, served, n) for n in range(3)]
        upload_statuses = [f.result() for f in uploads]
        contact_statuses = [f.result() for f in contacts]
        created = [f.result() for f in boards]

    assert upload_statuses == [201] * 6
    assert contact_statuses == [200] * 5  # each one accepted and sent on to its "sent" page
    for done in created:
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr
    log = served.log.read_text(errors="replace")
    assert "database is locked" not in log
    assert not re.search(r'" 5\d\d ', log), log  # no 5xx in gunicorn's access log

    status, body = request(
        f"{served.url}/api/v1/reviews/{served.review_id}/reports",
        headers={"Authorization": f"Bearer {served.token}"},
    )
    assert status == 200
    assert len(json.loads(body)["items"]) == 6
    listed = cli(served.env, "tenants", "list")
    for n in range(3):
        assert f"concurrent-{n}" in listed.stdout
