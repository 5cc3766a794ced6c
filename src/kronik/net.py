"""Network facts shared by the server and the Dask engine (one definition of "this machine only")."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """Whether an address (or ``localhost``) only reaches this machine; ``0.0.0.0`` and names do not."""
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
