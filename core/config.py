"""Configuration from the environment: every `CANDOUR_*` variable the application reads is declared here.

`ENV_VARS` is the single table of names (the README, the Helm chart and their tests check against it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EnvVar:
    name: str
    key: str
    default: str | None
    help: str


ENV_VARS: tuple[EnvVar, ...] = (
    EnvVar("CANDOUR_ENV", "ENV", "development", "`development`, `test` or `production`."),
    EnvVar("CANDOUR_SECRET_KEY", "SECRET_KEY", None, "Signs sessions; required in production."),
    EnvVar(
        "CANDOUR_DATABASE_URL",
        "DATABASE_URL",
        None,
        "SQLAlchemy URL; default SQLite under `instance/`. PostgreSQL: `postgresql+psycopg://…`.",
    ),
    EnvVar(
        "CANDOUR_ENCRYPTION_KEYS",
        "ENCRYPTION_KEYS",
        None,
        "Comma-separated Fernet keys for personal data at rest, newest first (rotation); "
        "required in production.",
    ),
    EnvVar(
        "CANDOUR_INSTANCE_PATH",
        "INSTANCE_PATH",
        None,
        "Folder for local state (SQLite database, job queue, `.eml` mail); default `instance/`.",
    ),
    EnvVar("CANDOUR_STORAGE", "STORAGE", "local", "Storage backend: `local` (a folder) or `s3`."),
    EnvVar("CANDOUR_STORAGE_PATH", "STORAGE_PATH", None, "Folder for `local` storage."),
    EnvVar("CANDOUR_S3_BUCKET", "S3_BUCKET", None, "S3 bucket for `s3` storage."),
    EnvVar(
        "CANDOUR_S3_ENDPOINT_URL", "S3_ENDPOINT_URL", None, "Endpoint of an S3-compatible store."
    ),
    EnvVar("CANDOUR_S3_REGION", "S3_REGION", "eu-west-2", "S3 region."),
    EnvVar("CANDOUR_S3_PREFIX", "S3_PREFIX", "", "Key prefix inside the bucket."),
    EnvVar("CANDOUR_S3_SSE", "S3_SSE", "AES256", "Server-side encryption: `AES256` or `aws:kms`."),
    EnvVar("CANDOUR_S3_KMS_KEY_ID", "S3_KMS_KEY_ID", None, "KMS key id when `S3_SSE=aws:kms`."),
    EnvVar(
        "CANDOUR_REDIS_URL",
        "REDIS_URL",
        None,
        "Redis for rate limits, caches and the job queue (optional; else `instance/jobs.db`).",
    ),
    EnvVar("CANDOUR_PLATFORM_HOST", "PLATFORM_HOST", None, "The platform's own host name."),
    EnvVar(
        "CANDOUR_TRUSTED_PROXIES",
        "TRUSTED_PROXIES",
        "",
        "Addresses or networks of the reverse proxies whose X-Forwarded-For is believed.",
    ),
    EnvVar("CANDOUR_LOG_LEVEL", "LOG_LEVEL", "INFO", "Log level."),
    EnvVar(
        "CANDOUR_LOG_FORMAT", "LOG_FORMAT", "text", "`text` or `json` (one JSON object a line)."
    ),
    EnvVar("CANDOUR_WEB_WORKERS", "WEB_WORKERS", None, "gunicorn workers; default from CPU count."),
    EnvVar("CANDOUR_WEB_TIMEOUT", "WEB_TIMEOUT", "60", "gunicorn worker timeout, seconds."),
    EnvVar("CANDOUR_MAX_UPLOAD_MB", "MAX_UPLOAD_MB", "50", "Largest report upload, in MB."),
    EnvVar(
        "CANDOUR_SESSION_LIFETIME_HOURS",
        "SESSION_LIFETIME_HOURS",
        "12",
        "Hours after which a staff session ends however recently it was used.",
    ),
    EnvVar(
        "CANDOUR_CONTACT_RETENTION_DAYS",
        "CONTACT_RETENTION_DAYS",
        "180",
        "Default days a family's contact request is kept before deletion.",
    ),
    EnvVar(
        "CANDOUR_CONTACT_REPLY_WORKING_DAYS",
        "CONTACT_REPLY_WORKING_DAYS",
        "5",
        "Working days within which families are promised a reply to a contact request.",
    ),
    EnvVar(
        "CANDOUR_SMTP_URL",
        "SMTP_URL",
        None,
        "Mail relay: `smtp://host:port`, `smtp+starttls://user:pass@host:587` or `smtps://…`; "
        "unset writes `.eml` files under `instance/mail/`.",
    ),
    EnvVar(
        "CANDOUR_MAIL_FROM",
        "MAIL_FROM",
        "Candour <no-reply@localhost>",
        "The From address of every message.",
    ),
    EnvVar(
        "CANDOUR_OCR_MAX_PAGES",
        "OCR_MAX_PAGES",
        "60",
        "Scanned pages of one uploaded report read by OCR; more block publication, unread.",
    ),
    EnvVar(
        "CANDOUR_OCR_PAGE_SECONDS",
        "OCR_PAGE_SECONDS",
        "60",
        "Seconds OCR may take over one scanned page before the page counts as unreadable.",
    ),
    EnvVar(
        "CANDOUR_OCR_TOTAL_SECONDS",
        "OCR_TOTAL_SECONDS",
        "1200",
        "Seconds OCR may take over one report in all (the worker's check job allows for it).",
    ),
)

REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The environment does not describe a platform that can safely start."""


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read `CANDOUR_*` from the environment, apply `overrides`, and check what production requires."""
    config: dict[str, Any] = {var.key: os.environ.get(var.name, var.default) for var in ENV_VARS}
    config.update(overrides or {})
    env = config["ENV"]
    if env not in {"development", "test", "production"}:
        raise ConfigError(f"CANDOUR_ENV must be development, test or production, not {env!r}")
    instance = Path(config.get("INSTANCE_PATH") or REPO_ROOT / "instance")
    config["INSTANCE_PATH"] = str(instance)
    if env == "production":
        if not config.get("SECRET_KEY"):
            raise ConfigError("CANDOUR_SECRET_KEY is required when CANDOUR_ENV=production")
        if not config.get("ENCRYPTION_KEYS"):
            raise ConfigError("CANDOUR_ENCRYPTION_KEYS is required when CANDOUR_ENV=production")
    else:
        config.setdefault("SECRET_KEY", None)
        config["SECRET_KEY"] = config["SECRET_KEY"] or "dev-only-not-secret"
        # A fixed development key so `make run` twice can read what it stored; never used in production.
        config["ENCRYPTION_KEYS"] = (
            config.get("ENCRYPTION_KEYS") or "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA="
        )
    if not config.get("DATABASE_URL"):
        instance.mkdir(parents=True, exist_ok=True)
        config["DATABASE_URL"] = f"sqlite:///{instance / 'candour.db'}"
    if not config.get("STORAGE_PATH"):
        config["STORAGE_PATH"] = str(instance / "storage")
    config["MAX_CONTENT_LENGTH"] = int(config["MAX_UPLOAD_MB"]) * 1024 * 1024 + 64 * 1024
    config["TESTING"] = config.get("TESTING", env == "test")
    config["SESSION_COOKIE_SECURE"] = env == "production"
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["REMEMBER_COOKIE_SECURE"] = env == "production"
    config["WTF_CSRF_TIME_LIMIT"] = None
    return config
