"""The embedded default notifier: each message written as an `.eml` file under `instance/mail/`
(open it in any mail program). Writes are atomic and named by the message's id, so a retry
overwrites rather than duplicates."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from core.plugin_api import MailError, NotifierConfig, OutgoingMail


class EmlFolder:
    def __init__(self, config: NotifierConfig) -> None:
        if not config.folder:
            raise MailError("the .eml folder notifier needs a folder")
        self.folder = Path(config.folder)

    def send(self, mail: OutgoingMail) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = mail.message_id.strip("<>").split("@", 1)[0] + ".eml"
        data = bytes(mail.as_email())
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def check(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not os.access(self.folder, os.W_OK):
            raise MailError(f"cannot write to {self.folder}")
