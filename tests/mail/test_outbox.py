"""The outbox and the notifiers: written with the change, sent by the worker, kept when the relay is
down, never carrying a family's details; the built-in SMTP plugin against a real SMTP server."""

from __future__ import annotations

import email
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from core import db, hookspecs
from core.mail import build_notifier
from core.mail.folder import EmlFolder
from core.mail.models import OutboxMessage
from core.plugin_api import MailError, NotifierConfig, OutgoingMail
from core.plugins import get_host
from core.testing import csrf_token

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mail_support import SmtpServer, text_of

FAMILY = {
    "name": "Jane Hartley",
    "contact": "jane.hartley@example.org",
    "message": "About Tom",
    "email_consent": "y",
}


def send_contact(client, slug="salford", kind="format", **fields):
    token = csrf_token(client, f"/{slug}/en/contact")
    data = {"csrf_token": token, "kind": kind, "format_key": "other", **FAMILY, **fields}
    return client.post(f"/{slug}/en/contact", data=data)


def eml_files(app) -> list[Path]:
    return sorted((Path(app.config["INSTANCE_PATH"]) / "mail").glob("*.eml"))


@pytest.fixture
def manager(demo_tenants, make_user):
    return make_user("manager@salford.example", demo_tenants["salford"], "review_manager")


@pytest.fixture(autouse=True)
def _empty_mail_folder(app):
    for path in eml_files(app):
        path.unlink()


def test_register_notifiers_gives_the_smtp_schemes_and_the_folder_is_the_default(app):
    schemes = {
        scheme
        for _plugin, notifiers in get_host(app).call_each(hookspecs.register_notifiers)
        for scheme in notifiers
    }
    assert {"smtp", "smtp+starttls", "smtps"} <= schemes
    assert isinstance(app.extensions["candour.notifier"], EmlFolder)


def test_an_unknown_mail_scheme_stops_start_up(app):
    from core.config import ConfigError

    app.config["SMTP_URL"] = "carrier-pigeon://loft"
    try:
        with pytest.raises(ConfigError, match="carrier-pigeon"):
            build_notifier(app)
    finally:
        app.config["SMTP_URL"] = None


def test_a_family_writing_in_mails_the_review_managers_with_no_personal_details(
    app, client, manager
):
    response = send_contact(client)
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context(), db.all_tenants():
        from core.family.models import ContactRequest

        reference = db.session.scalars(select(ContactRequest)).one().reference
    assert reference and f'id="reference">{reference}<' in done
    assert reference not in response.headers["Location"]
    sent = [email.message_from_bytes(p.read_bytes()) for p in eml_files(app)]
    (message,) = [m for m in sent if m["To"] != FAMILY["contact"]]  # the other: their receipt
    assert message["To"] == "manager@salford.example"
    assert reference in message["Subject"]
    body = text_of(message)
    assert message.get_content_type() == "multipart/alternative"
    assert "http://localhost/salford/admin/requests" in body
    for detail in ("Jane", "Hartley", "jane.hartley", "Tom"):
        assert detail not in body


def test_only_the_boards_own_review_managers_hear_of_a_family_message(
    app, client, manager, demo_tenants, make_user
):
    make_user("manager@northmoor.example", demo_tenants["northmoor"], "review_manager")
    make_user("admin@northmoor.example", demo_tenants["northmoor"], "board_admin")
    send_contact(client, contact="0161 603 4336", email_consent="")  # no receipt by mail
    recipients = [email.message_from_bytes(p.read_bytes())["To"] for p in eml_files(app)]
    assert recipients == ["manager@salford.example"]


def test_the_inbox_shows_reference_age_and_due_date_in_working_days(app, client, manager):
    from core.testing import sign_in

    send_contact(client)
    sign_in(client, "salford", "manager@salford.example")
    page = client.get("/salford/admin/requests").get_data(as_text=True)
    assert "Reply due" in page and "today" in page and "Jane Hartley" in page
    home = client.get("/salford/staff").get_data(as_text=True)
    assert 'href="/salford/admin/requests"' in home


def test_a_message_is_queued_once_and_sent_once(app, demo_tenants):
    from core.mail.services import deliver, queue_message

    tenant = demo_tenants["salford"]
    with app.app_context(), db.tenant_scope(tenant.id):
        first = queue_message(
            tenant, template="staff_contact_request", to="a@example.org", dedupe_key="k1",
            kind_label="a question", reference="ABCD-EFGH", due_on=__import__("datetime").date(2026, 12, 8),
            days=5, inbox_url="http://localhost/x",
        )  # fmt: skip
        again = queue_message(
            tenant, template="staff_contact_request", to="a@example.org", dedupe_key="k1",
        )  # fmt: skip
        db.session.commit()
        assert first is not None and again is None
        assert deliver(first.id) is False  # the commit already sent it (immediate mode)
    assert len(eml_files(app)) == 1


def test_when_the_relay_fails_the_message_waits_in_the_outbox_and_goes_later(
    app, client, manager, monkeypatch
):
    folder = app.extensions["candour.notifier"]

    class Down:
        def send(self, mail):
            raise MailError("relay down")

        def check(self):
            raise MailError("relay down")

    monkeypatch.setitem(app.extensions, "candour.notifier", Down())
    send_contact(client, contact="0161 603 4336", email_consent="")
    with app.app_context(), db.all_tenants():
        (row,) = db.session.scalars(select(OutboxMessage)).all()
        assert row.sent_at is None and row.attempts == 1 and "relay down" in row.last_error
    assert eml_files(app) == []
    monkeypatch.setitem(app.extensions, "candour.notifier", folder)
    with app.app_context(), db.all_tenants():
        row.created_at = row.created_at.replace(year=row.created_at.year - 1)
        db.session.merge(row)
        db.session.commit()
    app.extensions["candour.jobs"].enqueue("mail.sweep")
    assert len(eml_files(app)) == 1
    with app.app_context(), db.all_tenants():
        assert db.session.scalars(select(OutboxMessage)).one().sent_at is not None


def _mail(to="staff@example.org") -> OutgoingMail:
    return OutgoingMail(
        to=to, sender="Candour <no-reply@candour.test>", subject="Test", text="Plain",
        html="<p>Rich</p>", message_id="<candour-1-1@candour.test>",
        headers={"List-Unsubscribe": "<http://localhost/unsubscribe>"},
    )  # fmt: skip


def _smtp(url: str):
    from plugins.notify_smtp import SmtpNotifier

    return SmtpNotifier(NotifierConfig(url=url, sender="Candour <no-reply@candour.test>"))


def test_the_smtp_plugin_delivers_to_a_real_smtp_server():
    server = SmtpServer().start()
    try:
        _smtp(f"smtp://127.0.0.1:{server.port}").send(_mail())
        assert server.inbox.wait_for(1, timeout=10)
    finally:
        server.stop()
    (message,) = server.inbox.messages
    assert server.inbox.recipients == [["staff@example.org"]]
    assert message["List-Unsubscribe"] == "<http://localhost/unsubscribe>"
    assert "Plain" in text_of(message) and "<p>Rich</p>" in text_of(message)


def test_the_smtp_plugin_says_the_relay_is_down_without_the_address():
    server = SmtpServer()  # never started: nothing listens on its port
    with pytest.raises(MailError) as caught:
        _smtp(f"smtp://127.0.0.1:{server.port}").send(_mail("secret.person@example.org"))
    assert "secret.person" not in str(caught.value)


def test_the_smtp_url_chooses_tls_and_default_ports():
    assert (_smtp("smtps://relay.example").mode, _smtp("smtps://relay.example").port) == (
        "smtps",
        465,
    )
    starttls = _smtp("smtp+starttls://user%40x:p%3Ass@relay.example")
    assert (starttls.port, starttls.username, starttls.password) == (587, "user@x", "p:ss")
    with pytest.raises(MailError):
        _smtp("smtp://")


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1, trusted by this test's TLS clients."""
    import datetime as dt
    import ipaddress
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_path))
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_path, key_path)
    return server_context


def test_the_smtp_plugin_uses_starttls_and_logs_in(certificate):
    from aiosmtpd.smtp import AuthResult

    logins = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=True)

    server = SmtpServer(
        tls_context=certificate, require_starttls=True, authenticator=authenticate,
        auth_require_tls=True,
    ).start()  # fmt: skip
    try:
        _smtp(f"smtp+starttls://candour:s%40cret@127.0.0.1:{server.port}").send(_mail())
        assert server.inbox.wait_for(1, timeout=10)
    finally:
        server.stop()
    assert logins == [(b"candour", b"s@cret")]


def test_the_smtp_plugin_speaks_tls_from_the_first_byte(certificate):
    server = SmtpServer(ssl_context=certificate).start()
    try:
        _smtp(f"smtps://127.0.0.1:{server.port}").send(_mail())
        assert server.inbox.wait_for(1, timeout=10)
    finally:
        server.stop()


def test_a_family_that_gave_an_email_address_gets_the_acknowledgement_in_their_language(
    app, client, manager
):
    token = csrf_token(client, "/salford/pl/contact")
    data = {**FAMILY, "csrf_token": token, "kind": "question", "message": "Kiedy będzie raport?"}
    response = client.post("/salford/pl/contact", data=data)
    assert response.status_code in (302, 303)
    with app.app_context(), db.all_tenants():
        from core.family.models import ContactRequest

        reference = db.session.scalars(select(ContactRequest)).one().reference
    family = [
        email.message_from_bytes(p.read_bytes())
        for p in eml_files(app)
        if "jane.hartley@example.org" in p.read_text(errors="replace")
    ]
    assert len(family) == 1
    body = text_of(family[0])
    assert f"Twój numer referencyjny to {reference}." in body
    assert "Jane" not in body.replace("jane.hartley@example.org", "")
    assert "Kiedy" not in body  # nothing they wrote is repeated


def test_a_family_that_gave_a_phone_number_gets_no_mail_of_its_own(app, client, manager):
    response = send_contact(client, contact="0161 603 4336", email_consent="")
    assert response.status_code in (302, 303)
    recipients = {email.message_from_bytes(p.read_bytes())["To"] for p in eml_files(app)}
    assert recipients == {"manager@salford.example"}


def test_a_family_that_did_not_agree_to_be_emailed_gets_no_mail_but_staff_are_told(
    app, client, manager
):
    response = send_contact(client, email_consent="")
    assert response.status_code in (302, 303)
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We will not send you an email." in done
    recipients = {email.message_from_bytes(p.read_bytes())["To"] for p in eml_files(app)}
    assert recipients == {"manager@salford.example"}
    with app.app_context(), db.all_tenants():
        from core.family.models import ContactRequest

        assert db.session.scalars(select(ContactRequest)).one().email_consent is False


def test_a_family_that_agreed_is_told_on_the_sent_page_that_we_will_email_them(
    app, client, manager
):
    response = send_contact(client)
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We will email your reference number to the address you gave us." in done
    recipients = {email.message_from_bytes(p.read_bytes())["To"] for p in eml_files(app)}
    assert recipients == {"manager@salford.example", "jane.hartley@example.org"}
