"""A plain `websockets` broadcast server: the floor for what one Python process can fan out.

No Django, no Channels, no ASGI: `websockets.asyncio.server.serve` accepts every socket on any
path, sends it the payload once (like the app, which sends a screen its state on connect), and
`POST /send/?v=<n>` on a second port (a raw asyncio HTTP handler, since websockets' own server
answers GET only) broadcasts the captured Plenum push, with its clock version set to n, to
every connected socket with `websockets.asyncio.server.broadcast`: the bytes are encoded once
and written to each socket's transport, with no backpressure.

    python -m bench.plain_websockets --port 8001 --http-port 8002

The payload file is named by BENCH_PAYLOAD_FILE, as for bench/reference_asgi.py. bench.live
runs it in a process of its own so that its CPU time and memory are measured apart.
"""

import argparse
import asyncio
import os
import re
import signal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import broadcast, serve

VERSION = re.compile(r'data-clock-version="\d+"')
PAYLOAD = Path(os.environ["BENCH_PAYLOAD_FILE"]).read_text()


def payload(version):
    return VERSION.sub(f'data-clock-version="{version}"', PAYLOAD, count=1)


async def handler(websocket):
    await websocket.send(payload(0))
    # Whatever the client sends is ignored; the loop ends when it goes.
    async for _ in websocket:
        pass


def _response(status, body):
    reason = {200: "OK", 404: "Not Found"}[status]
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode() + body


def trigger(sockets):
    """The HTTP handler; `sockets()` is the websockets server's set of connections."""

    async def handle(reader, writer):
        try:
            request_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            method, target, _ = request_line.decode("latin-1").split(" ", 2)
            url = urlsplit(target)
            query = parse_qs(url.query)
            if method == "POST" and url.path == "/send/" and "v" in query:
                broadcast(sockets(), payload(int(query["v"][0])))
                writer.write(_response(200, b"ok"))
            else:
                writer.write(_response(404, b"not found"))
            await writer.drain()
        finally:
            writer.close()

    return handle


async def main():
    parser = argparse.ArgumentParser(prog="python -m bench.plain_websockets")
    parser.add_argument("--port", type=int, required=True, help="websockets")
    parser.add_argument("--http-port", type=int, required=True, help="POST /send/?v=<n>")
    args = parser.parse_args()
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    websockets = []  # the websockets server, once it is up
    # The trigger listens first: bench.servers waits for the websockets port.
    http = await asyncio.start_server(
        trigger(lambda: websockets[0].connections), "127.0.0.1", args.http_port
    )
    # Like the app's clients: no compression, no pings during the run.
    async with (
        http,
        serve(handler, "127.0.0.1", args.port, compression=None, ping_interval=None) as server,
    ):
        websockets.append(server)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
