"""The links on a member of staff's landing page (`/staff`): each domain and screen registers its
own at init, with the roles that see it, so that auth imports none of them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class StaffLink(NamedTuple):
    endpoint: str
    label: str  # staff screens: English
    roles: tuple[str, ...]


_links: list[StaffLink] = []


def staff_link(endpoint: str, label: str, roles: Iterable[str]) -> None:
    """Show a link to `endpoint`, labelled `label`, to staff holding one of `roles` at the board;
    links stand in the order they were registered, and registering one again changes nothing."""
    link = StaffLink(endpoint, label, tuple(roles))
    if link not in _links:
        _links.append(link)


def staff_links(links: Iterable[tuple[str, str, Iterable[str]]]) -> None:
    """Register several links at once (`(endpoint, label, roles)` each), in their order."""
    for endpoint, label, roles in links:
        staff_link(endpoint, label, roles)


def links_for(role: str) -> list[StaffLink]:
    """The links a member of staff with `role` sees, in the order they were registered."""
    return [link for link in _links if role in link.roles]
