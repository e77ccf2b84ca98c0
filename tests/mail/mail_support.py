"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, and can be stopped and
started again on the same port."""

from __future__ import annotations

import email
import socket
import threading
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.recipients: list[list[str]] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        with self.arrived:
            self.messages.append(email.message_from_bytes(envelope.content))
            self.recipients.append(list(envelope.rcpt_tos))
            self.arrived.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 60) -> bool:
        """Wait (bounded) until `count` messages have arrived."""
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)


class SmtpServer:
    def __init__(self, port: int | None = None, **options) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self.options = options
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, **self.options
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def text_of(message: Message) -> str:
    """Every part of the message, decoded, with its headers."""
    parts = [str(message.items())]
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if payload:
            parts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return "\n".join(parts)
