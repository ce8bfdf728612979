"""Serve Plenum with daphne from this machine: for its own browser, or for the venue's network.

`bin/run` ends here. Without --venue it binds 127.0.0.1 only. With --venue (or PLENUM_VENUE=1)
it binds the laptop's LAN address as well, so the phones in the room reach it over the venue's
Wi-Fi, and the join link and QR code carry that address (PLENUM_PUBLIC_URL overrides it).
"""

import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from seminar import venue

DAPHNE = Path(sys.executable).with_name("daphne")


def _ip(host):
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


class Command(BaseCommand):
    help = "Serve Plenum with daphne: on 127.0.0.1, or with --venue on the venue's network too."

    def add_arguments(self, parser):
        parser.add_argument(
            "--venue",
            action="store_true",
            help="Serve the venue's network: bind the LAN address; join links carry it.",
        )
        parser.add_argument("--port", type=int, help="Port (default: $PORT or 8000).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the daphne command instead of running it."
        )

    def handle(self, *args, venue=False, port=None, dry_run=False, **options):
        port = port or int(os.environ.get("PORT") or 8000)
        in_venue = venue or settings.VENUE
        env = dict(os.environ, PORT=str(port))
        if in_venue:
            public_url, interfaces = self._venue(port)
            env.update(PLENUM_VENUE="1", PLENUM_PUBLIC_URL=public_url)
        else:
            public_url, interfaces = f"http://127.0.0.1:{port}", ["127.0.0.1"]
        command = [str(DAPHNE)]
        for interface in interfaces:
            # Twisted's endpoint syntax: a colon inside an IPv6 address is escaped.
            command += ["-e", f"tcp:port={port}:interface={interface.replace(':', r'\:')}"]
        command.append("seminar.asgi:application")
        self.stdout.write(self._message(public_url, port, in_venue))
        if dry_run:
            self.stdout.write(" ".join(command))
            self.stdout.write(f"PLENUM_PUBLIC_URL={env.get('PLENUM_PUBLIC_URL', '')}")
            return
        self.stdout.flush()
        os.execve(command[0], command, env)  # noqa: S606  (our own daphne, fixed arguments)

    def _venue(self, port):
        """The address phones open, and the interfaces to bind for it."""
        given = os.environ.get("PLENUM_PUBLIC_URL", "").strip()
        if given:
            try:
                public_url = venue.check_public_url(given)
            except ValueError as error:
                raise CommandError(str(error)) from None
            host = urlparse(public_url).hostname
        else:
            host = venue.lan_address()
            public_url = f"http://{host}:{port}"
        ip = _ip(host)
        if ip is None:
            # A name (plenum.local, a DNS entry): we cannot tell its interface, so all of them.
            return public_url, ["0.0.0.0"]  # noqa: S104  (asked for: the venue's network)
        if ip.is_loopback:
            return public_url, ["127.0.0.1"]
        return public_url, ["127.0.0.1", str(ip)]

    def _message(self, public_url, port, in_venue):
        debug = "  DEBUG is on (DEBUG=1): error pages show internals.\n" if settings.DEBUG else ""
        if not in_venue:
            return (
                f"\nPlenum is running: http://127.0.0.1:{port}/\n"
                f"  Facilitators and directors log in at http://127.0.0.1:{port}/login/\n"
                f"  Phones join at http://127.0.0.1:{port}/join/ (on this computer only).\n"
                f"  For the phones in the room: bin/run --venue (or make venue).\n"
                f"{debug}  Stop with Ctrl-C.\n"
            )
        lines = [
            "",
            "Plenum is serving the venue's network.",
            f"  Phones open:    {public_url}/join/  (or scan the QR code on the projector)",
            f"  Facilitators:   {public_url}/login/  (on this laptop also http://127.0.0.1:{port}/)",
        ]
        if urlparse(public_url).hostname == "127.0.0.1":
            lines.append(
                "  WARNING: no network found, phones cannot reach this laptop. Join the venue's "
                "Wi-Fi and start again, or set PLENUM_PUBLIC_URL."
            )
        lines.append(
            "  Phones must be on the same Wi-Fi; a guest network that isolates its devices "
            "blocks them (use a phone hotspot or the venue's staff network)."
        )
        return "\n".join(lines) + "\n" + debug + "  Stop with Ctrl-C.\n"
