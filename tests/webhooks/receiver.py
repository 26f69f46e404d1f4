"""A real HTTP receiver of webhooks on 127.0.0.1 (tests and the benchmark).

It checks every request's signature with the endpoint's secret, answers 500 to the first
``fail_first`` requests and 200 after, and records what it got.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kongres.api.webhooks.signing import signature_verify


@dataclass
class Received:
    delivery: str
    event: str
    body: dict
    signed: bool
    status: int


@dataclass
class Receiver:
    secret: str = ""
    fail_first: int = 0
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def accepted(self) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.status == 200]


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            signed = signature_verify(
                receiver.secret, self.headers.get("Kongres-Signature", ""), raw, now=time.time()
            )
            with receiver.lock:
                status = 500 if len(receiver.requests) < receiver.fail_first else 200
                if not signed:
                    status = 400
                receiver.requests.append(
                    Received(
                        delivery=self.headers.get("Kongres-Delivery", ""),
                        event=self.headers.get("Kongres-Event", ""),
                        body=json.loads(raw),
                        signed=signed,
                        status=status,
                    )
                )
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format, *args):  # quiet
            pass

    return Handler


class ReceiverServer:
    """``with ReceiverServer(fail_first=2) as receiver:`` serves until the block ends."""

    def __init__(self, *, fail_first: int = 0, secret: str = ""):
        self.receiver = Receiver(secret=secret, fail_first=fail_first)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.receiver))
        self.server.daemon_threads = True
        self.receiver.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/kongres"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self.receiver

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
