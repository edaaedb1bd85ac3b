"""The address a request really comes from, behind the proxies we trust (ingress, load balancer)."""

from __future__ import annotations

import ipaddress


def _trusted(address: str, proxies: list[str]) -> bool:
    for entry in proxies:
        try:
            if ipaddress.ip_address(address) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:  # not an IP address or network: compared as written (a test client's name)
            if address == entry:
                return True
    return False


def client_address(peer: str, forwarded_for: str, trusted_proxies: list[str]) -> str:
    """The peer address, or, when the peer is a trusted proxy, the right-most entry of `forwarded_for` (the
    X-Forwarded-For header) that is not one: entries further left were written by the client and prove nothing."""
    if not _trusted(peer, trusted_proxies):
        return peer
    forwarded = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _trusted(address, trusted_proxies):
            return address
    return forwarded[0] if forwarded else peer
