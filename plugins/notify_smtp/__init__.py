"""Send mail through an SMTP relay: `smtp://host:port` (plain, for a relay on a private network),
`smtp+starttls://user:pass@host:587` (submission with STARTTLS) and `smtps://user:pass@host:465`
(TLS from the first byte). Certificates are verified against the system's authorities.

One connection per message: the worker sends a few messages a minute, and a fresh connection
recovers by itself when the relay restarts.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from core.plugin_api import MailError, Notifier, NotifierConfig, OutgoingMail, hookimpl

__version__ = "1.0.0"

DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class SmtpNotifier:
    def __init__(self, config: NotifierConfig) -> None:
        parts = urlsplit(config.url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise MailError(
                "CANDOUR_SMTP_URL must look like smtp[s|+starttls]://[user:pass@]host[:port]"
            )
        self.mode = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or DEFAULT_PORTS[parts.scheme]
        self.username = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.timeout = config.timeout
        self.context = ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        if self.mode == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self.context
            )
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.mode == "smtp+starttls":
                client.starttls(context=self.context)
        if self.username:
            client.login(self.username, self.password)
        return client

    def send(self, mail: OutgoingMail) -> None:
        try:
            with self._connect() as client:
                refused = client.send_message(mail.as_email())
        except (OSError, smtplib.SMTPException) as exc:
            # The relay's own words may quote the address; say only what kind of failure it was.
            raise MailError(f"SMTP relay {self.host}:{self.port}: {type(exc).__name__}") from None
        if refused:
            raise MailError("the relay refused the recipient")

    def check(self) -> None:
        try:
            with self._connect() as client:
                client.noop()
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"SMTP relay {self.host}:{self.port}: {type(exc).__name__}") from None


@hookimpl
def register_notifiers() -> dict[str, Callable[[NotifierConfig], Notifier]]:
    return {scheme: SmtpNotifier for scheme in DEFAULT_PORTS}
