"""Logging: text in development, one JSON object a line in production (`CANDOUR_LOG_FORMAT=json`)."""

from __future__ import annotations

import json
import logging
import sys

from flask import Flask, g, has_request_context, request


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            tenant = g.get("tenant")
            payload["request_id"] = g.get("request_id", "")
            payload["path"] = request.path
            payload["tenant"] = tenant.slug if tenant is not None else ""
        for key in ("plugin", "hook", "tenant"):
            if hasattr(record, key):
                payload[key] = getattr(record, key)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def init_app(app: Flask) -> None:
    root = logging.getLogger()
    if not any(getattr(h, "_candour", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler._candour = True  # type: ignore[attr-defined]
        if app.config.get("LOG_FORMAT") == "json":
            handler.setFormatter(JsonFormatter())
        else:
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
        root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL") or "INFO")
    # Libraries that narrate every step at INFO: keep their warnings, not their progress.
    for noisy in (
        "weasyprint",
        "fontTools",
        "PIL",
        "botocore",
        "boto3",
        "urllib3",
        "alembic.runtime.plugins",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
