"""Small helpers shared by the casework tests."""

from __future__ import annotations


def chronology_csv(agency: str, *rows: tuple[str, str]) -> bytes:
    lines = ["date,agency,event,source"]
    lines += [f"{day},{agency},{event},case notes" for day, event in rows]
    return ("\n".join(lines) + "\n").encode()


def sent_mail(app, kind: str | None = None) -> list:
    """The messages the notifier delivered (the .eml folder), oldest first; of one kind if given."""
    import email
    import email.policy
    from pathlib import Path

    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    found = []
    for path in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if kind is None or message["X-Candour-Kind"] == kind:
            found.append(message)
    return found


def mail_text(message) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())
