"""Which host names Candour answers on: the platform's own (`CANDOUR_PLATFORM_HOST`), the names
boards own, and in development `localhost` and `127.0.0.1`. Anything else is refused before a view
runs, so nothing — a link in a mail, a redirect — is ever built from a host a client made up."""

from __future__ import annotations

import ipaddress

DEVELOPMENT_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
RESERVED_NAMES = frozenset({"localhost"})
# Probes and scrapers address a pod by its IP: these answer on any host (they show no board's data).
ANY_HOST_PATHS = ("/healthz", "/readyz", "/metrics")


def normalise(host: str) -> str:
    """`Host` header → bare lower-case name (port and trailing dot dropped)."""
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:5000
        return host.split("]")[0] + "]"
    return host.split(":")[0].rstrip(".")


def is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def board_host_problem(hostname: str, platform_host: str | None) -> str | None:
    """Why `hostname` cannot be a board's own host name, or None if it can."""
    if is_ip_address(hostname):
        return f"{hostname} is an IP address; a board's host name must be a name"
    if hostname in RESERVED_NAMES or hostname.endswith(".localhost"):
        return f"{hostname} is reserved"
    if platform_host and hostname == normalise(platform_host):
        return f"{hostname} is the platform's own host name"
    return None
