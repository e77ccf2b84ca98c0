"""Which proxies' `X-Forwarded-For` and `X-Forwarded-Proto` to believe: only those listed in
`CANDOUR_TRUSTED_PROXIES` (addresses or networks, comma-separated — the ingress controller in the
cluster). A request from anywhere else keeps its own address, whatever headers it sends, so rate
limits and the audit log count clients, not the proxy, and a client cannot pose as another."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ProxiesError(ValueError):
    """`CANDOUR_TRUSTED_PROXIES` holds something that is not an address or a network."""


def parse_networks(value: str | None) -> tuple[Network, ...]:
    networks = []
    for part in (value or "").replace(" ", ",").split(","):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ProxiesError(
                f"CANDOUR_TRUSTED_PROXIES: {part!r} is not an IP address or network"
            ) from None
    return tuple(networks)


class TrustedProxies:
    """WSGI middleware: werkzeug's ProxyFix (one hop: the address our proxy appended) for requests
    that come from a trusted proxy; the request untouched otherwise."""

    def __init__(self, wsgi_app: Any, networks: Iterable[Network]) -> None:
        self.plain = wsgi_app
        self.fixed = ProxyFix(wsgi_app, x_for=1, x_proto=1, x_host=0, x_port=0, x_prefix=0)
        self.networks = tuple(networks)

    def trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.networks and self.trusts(environ.get("REMOTE_ADDR", "")):
            return self.fixed(environ, start_response)
        return self.plain(environ, start_response)


def init_app(app: Flask) -> None:
    networks = parse_networks(app.config.get("TRUSTED_PROXIES"))
    app.wsgi_app = TrustedProxies(app.wsgi_app, networks)  # type: ignore[method-assign]
