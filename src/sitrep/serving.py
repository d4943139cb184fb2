"""What stands between the network and the API: the ASGI guard and the HTTP protocol with a header timeout.

The guard answers every refusal as JSON with the security headers, before the app sees the
request: a foreign Host header on a loopback server (DNS rebinding), an over-long query
string (414), a body over the limit (413, announced or streamed) or one that stalls (408),
and any error the app did not handle (500). The protocol closes connections that do not
finish their request head in time (slowloris), which uvicorn alone does not do.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Collection

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 4_000_000  # 200k characters even as \uXXXX escapes, plus the other fields
MAX_QUERY_BYTES = 4096
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
]


def host_name(header: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """Refusals as JSON with the security headers; security headers on every response."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Collection[str] = (),
        max_body_bytes: int = MAX_BODY_BYTES,
        max_query_bytes: int = MAX_QUERY_BYTES,
        body_timeout: float = 20.0,
    ) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.max_body_bytes = max_body_bytes
        self.max_query_bytes = max_query_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        reply = _Reply(send)
        refusal = self._refusal(scope)
        if refusal is not None:
            await reply.json(*refusal)
            return
        try:
            await self.app(scope, self._body(receive, reply), reply.send)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            await reply.json(500, "internal error (logged on the server)")

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed_hosts and host_name(headers.get("host", "")) not in self.allowed_hosts:
            return 400, f"Host header {headers.get('host', '')!r} is not one this server answers to"
        if len(scope.get("query_string", b"")) > self.max_query_bytes:
            return 414, f"query string longer than {self.max_query_bytes} bytes"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            return 413, f"request body of {length} bytes; the limit is {self.max_body_bytes}"
        return None

    def _body(self, receive: Receive, reply: _Reply) -> Receive:
        """``receive`` with the body limit and the per-piece timeout; a refusal ends the request."""
        state = {"read": 0, "done": False}

        async def guarded() -> Message:
            if state["done"] or reply.started:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except TimeoutError:
                await reply.json(408, f"request body not received within {self.body_timeout:g} s")
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                state["done"] = not message.get("more_body", False)
                if state["read"] > self.max_body_bytes:
                    await reply.json(413, f"request body over the limit of {self.max_body_bytes} bytes")
                    return {"type": "http.disconnect"}
            return message

        return guarded


class _Reply:
    """The response side of one request: adds the security headers, answers at most once."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False
        self.refused = False

    async def send(self, message: Message) -> None:
        if self.refused:
            return  # the guard has answered; the app's late response is dropped
        if message["type"] == "http.response.start":
            self.started = True
            message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
        await self._send(message)

    async def json(self, status: int, detail: str) -> None:
        if self.started or self.refused:
            return
        await self.send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await self.send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})
        self.refused = True


class TimedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing connections whose request head is not complete in time.

    The clock starts when the connection opens and again after each response; a client
    that trickles its headers (slowloris) is cut off instead of holding a slot.
    """

    header_timeout: float = 10.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_timeout)

    def _header_timeout(self) -> None:
        waiting = self.conn.their_state in (h11.IDLE,) and (
            self.cycle is None or self.cycle.response_complete
        )
        if waiting and not self.transport.is_closing():
            self.transport.close()


def protocol_with_timeout(seconds: float) -> type[TimedH11Protocol]:
    """The protocol class for ``uvicorn.run(http=...)`` with this header timeout."""
    return type("SitrepH11Protocol", (TimedH11Protocol,), {"header_timeout": seconds})
