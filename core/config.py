"""Configuration from the environment: every `CANDOUR_*` variable the application reads is declared here.

`ENV_VARS` (its sections in order) is the single table of names (the README, the Helm chart and their
tests check against it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EnvVar:
    key: str
    default: str | None
    help: str

    @property
    def name(self) -> str:
        """The environment variable: the config key under the `CANDOUR_` prefix."""
        return f"CANDOUR_{self.key}"


# The application, its database and the keys its data is encrypted with.
_APPLICATION: tuple[EnvVar, ...] = (
    EnvVar("ENV", "development", "`development`, `test` or `production`."),
    EnvVar("SECRET_KEY", None, "Signs sessions; required in production."),
    EnvVar(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL; default SQLite under `instance/`. PostgreSQL: `postgresql+psycopg://…`.",
    ),
    EnvVar(
        "ENCRYPTION_KEYS",
        None,
        "Comma-separated Fernet keys for personal data at rest, newest first (rotation); "
        "required in production.",
    ),
    EnvVar(
        "INSTANCE_PATH",
        None,
        "Folder for local state (SQLite database, job queue, `.eml` mail); default `instance/`.",
    ),
)

# Where reports, returns and other files are stored.
_STORAGE: tuple[EnvVar, ...] = (
    EnvVar("STORAGE", "local", "Storage backend: `local` (a folder) or `s3`."),
    EnvVar("STORAGE_PATH", None, "Folder for `local` storage."),
    EnvVar("S3_BUCKET", None, "S3 bucket for `s3` storage."),
    EnvVar("S3_ENDPOINT_URL", None, "Endpoint of an S3-compatible store."),
    EnvVar("S3_REGION", "eu-west-2", "S3 region."),
    EnvVar("S3_PREFIX", "", "Key prefix inside the bucket."),
    EnvVar("S3_SSE", "AES256", "Server-side encryption: `AES256` or `aws:kms`."),
    EnvVar("S3_KMS_KEY_ID", None, "KMS key id when `S3_SSE=aws:kms`."),
)

# The job queue and caches, the host name and proxies in front, the logs and the web workers.
_SERVING: tuple[EnvVar, ...] = (
    EnvVar(
        "REDIS_URL",
        None,
        "Redis for rate limits, caches and the job queue (optional; else `instance/jobs.db`).",
    ),
    EnvVar("PLATFORM_HOST", None, "The platform's own host name."),
    EnvVar(
        "TRUSTED_PROXIES",
        "",
        "Addresses or networks of the reverse proxies whose X-Forwarded-For is believed.",
    ),
    EnvVar("LOG_LEVEL", "INFO", "Log level."),
    EnvVar("LOG_FORMAT", "text", "`text` or `json` (one JSON object a line)."),
    EnvVar("WEB_WORKERS", None, "gunicorn workers; default from CPU count."),
    EnvVar("WEB_TIMEOUT", "60", "gunicorn worker timeout, seconds."),
)

# Limits: uploads, staff sessions, and how long a family's contact request is kept and answered.
_LIMITS: tuple[EnvVar, ...] = (
    EnvVar("MAX_UPLOAD_MB", "50", "Largest report upload, in MB."),
    EnvVar(
        "SESSION_LIFETIME_HOURS",
        "12",
        "Hours after which a staff session ends however recently it was used.",
    ),
    EnvVar(
        "CONTACT_RETENTION_DAYS",
        "180",
        "Default days a family's contact request is kept before deletion.",
    ),
    EnvVar(
        "CONTACT_REPLY_WORKING_DAYS",
        "5",
        "Working days within which families are promised a reply to a contact request.",
    ),
)

# Mail.
_MAIL: tuple[EnvVar, ...] = (
    EnvVar(
        "SMTP_URL",
        None,
        "Mail relay: `smtp://host:port`, `smtp+starttls://user:pass@host:587` or `smtps://…`; "
        "unset writes `.eml` files under `instance/mail/`.",
    ),
    EnvVar("MAIL_FROM", "Candour <no-reply@localhost>", "The From address of every message."),
)

# Reading scanned reports (OCR) before publication.
_OCR: tuple[EnvVar, ...] = (
    EnvVar(
        "OCR_MAX_PAGES",
        "60",
        "Scanned pages of one uploaded report read by OCR; more block publication, unread.",
    ),
    EnvVar(
        "OCR_PAGE_SECONDS",
        "60",
        "Seconds OCR may take over one scanned page before the page counts as unreadable.",
    ),
    EnvVar(
        "OCR_TOTAL_SECONDS",
        "1200",
        "Seconds OCR may take over one report in all (the worker's check job allows for it).",
    ),
)

ENV_VARS: tuple[EnvVar, ...] = _APPLICATION + _STORAGE + _SERVING + _LIMITS + _MAIL + _OCR

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
