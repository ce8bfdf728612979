"""Where phones reach this laptop: the LAN address, the public URL, and the proxies we trust.

Plain functions with no Django import, because the settings module uses them.
"""

import ipaddress
import socket
from urllib.parse import urlparse

# Connecting a UDP socket sends nothing; it only asks the kernel which interface would carry
# packets to this address (TEST-NET-1, never routed on the internet).
_PROBE = ("192.0.2.1", 9)


def _usable(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def lan_address():
    """The IPv4 address this machine has on the network the default route leaves by (a hotel's
    Wi-Fi, say), else any non-loopback address of the host name, else 127.0.0.1."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = probe.getsockname()[0]
        if _usable(address):
            return address
    except OSError:
        pass  # no route at all: an isolated network, or no network yet
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for *_rest, sockaddr in infos:
        if _usable(sockaddr[0]):
            return sockaddr[0]
    return "127.0.0.1"


def check_public_url(url):
    """PLENUM_PUBLIC_URL without its trailing slash; ValueError when it is not "scheme://host"
    or "scheme://host:port" (a join link is this plus /join/CODE/)."""
    url = url.strip().rstrip("/")
    parts = urlparse(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"PLENUM_PUBLIC_URL must look like http://192.168.1.20:8000, not {url!r}")
    if parts.path or parts.query or parts.fragment or parts.username:
        raise ValueError(f"PLENUM_PUBLIC_URL has no path, query or user: {url!r}")
    return url


def public_url_host(url):
    """The host of a public URL as ALLOWED_HOSTS spells it ("[::1]" for IPv6)."""
    host = urlparse(url).hostname
    return f"[{host}]" if ":" in host else host


def parse_networks(values):
    """Trusted proxies as networks: "127.0.0.1", "10.0.0.0/8", "::1"."""
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()]


def client_address(remote_addr, forwarded_for, trusted):
    """The address of the person behind the request.

    Only a request from a trusted proxy is believed about X-Forwarded-For, and only as far as the
    chain is made of trusted proxies: the right-most address that is not one is the client (the
    left part of the header is whatever the phone chose to send).
    """
    if not forwarded_for or not is_trusted(remote_addr, trusted):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _valid(hop):
            return remote_addr  # a malformed chain is not believed at all
        if not is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else remote_addr


def _valid(address):
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def is_trusted(address, networks):
    """Whether the address is one of the trusted proxies' networks."""
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)
