"""Who may read and write, and how much one request may cost: the server's access policy as ASGI middleware.

The model follows datasette's (``--root``) and PostgreSQL's roles, kept small:

- **Roles.** ``write`` (ingest, cluster, entity corrections) and ``read`` (everything else).  A *write token* grants both, a
  *read token* only reading.  Without a read token anyone who can reach the server may read; without a
  write token, writes are allowed only on a loopback bind (a laptop), and a server bound beyond loopback
  is read-only.  Tokens are compared in constant time (:func:`hmac.compare_digest`) and never logged.
- **No cross-site writes.**  A browser sends a cross-site request without a preflight only when it is
  "simple" (no custom header, a form content type).  Every write must carry ``Authorization: Bearer`` or
  the ``X-Kronik-Request`` header (neither can be set cross-site without a CORS preflight, which is
  refused unless ``--cors-origin`` names that origin), must not come with an ``Origin`` other than the
  server's own (or a configured CORS origin), nor with ``Sec-Fetch-Site: cross-site``.
- **Host allow-list.**  The ``Host`` header must name an allowed host (loopback names, the bound address,
  ``--allow-host``): a DNS-rebinding page, whose requests carry its own host name, reads nothing.
- **Bounded bodies.**  A body larger than the route's limit is refused from its ``Content-Length`` before
  it is read, or (chunked) as soon as the bytes read pass the limit: it is never buffered whole.
- **Write rate.**  A token bucket per client address (``--write-rate`` per minute).

:class:`SecurityHeaders` (outermost) adds the security headers to every response, errors included, and
turns any exception that escapes a route into a JSON error (the status :mod:`kronik.errors` gives it, a
bare 500 without traceback otherwise).
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

from kronik.errors import translate
from kronik.net import is_loopback

log = logging.getLogger("kronik.api")

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}
CSRF_HEADER = "X-Kronik-Request"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UPLOAD_PATHS = frozenset({"/api/ingest", "/api/inspect"})
"""Endpoints that take uploaded files (the upload limit applies; every other body is small)."""
MAX_SMALL_BODY = 64 * 1024
"""Body limit of every request but an upload (``POST /api/cluster`` takes a few bytes)."""
MAX_JSON_DEPTH = 32


@dataclass(frozen=True)
class Policy:
    """The access policy of one server (see the module docstring); built by :meth:`for_bind`."""

    write_tokens: tuple[str, ...] = ()
    read_tokens: tuple[str, ...] = ()
    writes: bool = True
    """False: a read-only server (every write is 403)."""
    allowed_hosts: frozenset[str] = LOOPBACK_HOSTS
    """Host names the ``Host`` header may carry; ``"*"`` in it turns the check off."""
    cors_origins: frozenset[str] = frozenset()
    write_rate: float = 60.0
    """Writes per minute per client address (0: unlimited); bursts of up to ``WRITE_BURST``."""
    max_upload_bytes: int = 50 * 1024 * 1024

    @classmethod
    def for_bind(cls, host: str, *, write_tokens: Iterable[str] = (), read_tokens: Iterable[str] = (),
                 allow_hosts: Iterable[str] = (), cors_origins: Iterable[str] = (), read_only: bool = False,
                 write_rate: float = 60.0, max_upload_bytes: int = 50 * 1024 * 1024) -> Policy:
        """The policy of a server bound to ``host``: writes need a write token unless bound to loopback."""
        w = tuple(t for t in write_tokens if t)
        r = tuple(t for t in read_tokens if t)
        hosts = set(LOOPBACK_HOSTS) | {h.strip().lower().strip("[]") for h in allow_hosts if h.strip()}
        if host not in ("0.0.0.0", "::", ""):
            hosts.add(host.lower().strip("[]"))
        return cls(write_tokens=w, read_tokens=r, writes=not read_only and (bool(w) or is_loopback(host)),
                   allowed_hosts=frozenset(hosts), cors_origins=frozenset(o.rstrip("/") for o in cors_origins if o),
                   write_rate=write_rate, max_upload_bytes=max_upload_bytes)

    def role(self, authorization: str | None) -> str | None:
        """``"write"``, ``"read"`` or None for the bearer token of an ``Authorization`` header."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        given = token.strip().encode()
        # compare against every token (no early exit): the time taken says nothing about which matched
        write = any([hmac.compare_digest(given, t.encode()) for t in self.write_tokens])
        read = any([hmac.compare_digest(given, t.encode()) for t in self.read_tokens])
        return "write" if write else "read" if read else None

    def host_allowed(self, host_header: str | None) -> bool:
        if "*" in self.allowed_hosts:
            return True
        if not host_header:
            return False
        return host_name(host_header) in self.allowed_hosts

    def describe(self, host: str) -> list[str]:
        """Warnings and facts for the operator at start-up (never a token)."""
        lines: list[str] = []
        if not self.writes:
            lines.append("writes are DISABLED (read-only server): "
                         + ("--read-only" if self.write_tokens else
                            f"bound to {host} without a write token; set KRONIK_WRITE_TOKEN (or --token-file) "
                            "to allow uploads and clustering"))
        elif self.write_tokens:
            lines.append("writes need the write token (Authorization: Bearer ...)")
        else:
            lines.append("writes are open to this machine's users (loopback, no token)")
        if self.read_tokens:
            lines.append("reads need a token (read or write)")
        elif not is_loopback(host):
            where = "this machine on any interface" if host in ("0.0.0.0", "::", "") else host
            lines.append(f"WARNING: anyone who can reach {where} can read the store (set KRONIK_READ_TOKEN to restrict)")
        if not is_loopback(host):
            lines.append("WARNING: plain HTTP: tokens and data travel unencrypted; put a TLS proxy in front")
        lines.append("allowed Host names: " + ", ".join(sorted(self.allowed_hosts))
                     + ("" if is_loopback(host) else " (add the names clients use with --allow-host)"))
        return lines


def host_name(host_header: str) -> str:
    """The host of a ``Host`` header, lower-cased, without port or IPv6 brackets."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1:].split("]", 1)[0]
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


WRITE_BURST = 20


class RateLimiter:
    """A token bucket per client address: ``per_minute`` writes, bursts of ``burst``."""

    def __init__(self, per_minute: float, burst: int = WRITE_BURST) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 when allowed (a token is taken), else the seconds until the next token."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > 10_000:  # forget idle clients (full buckets)
                self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.burst - 1}
            return 0.0


# --------------------------------------------------------------------------- responses

def _json_response_messages(status: int, detail: str, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    body = json.dumps({"detail": detail}).encode()
    hs = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    hs += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return [{"type": "http.response.start", "status": status, "headers": hs},
            {"type": "http.response.body", "body": body}]


async def send_error(send: Any, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    """A JSON ``{"detail": ...}`` response (204: no body) straight from middleware."""
    if status == 204:
        hs = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        await send({"type": "http.response.start", "status": 204, "headers": hs})
        await send({"type": "http.response.body", "body": b""})
        return
    for message in _json_response_messages(status, detail, headers):
        await send(message)


class BodyTooLarge(HTTPException):
    """A request body past its limit (raised while it streams in; FastAPI and Starlette pass it on as 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body larger than {limit} bytes")


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than ``BaseHTTPMiddleware``), the outermost: adds the security headers
    to every HTTP response, and ``Server-Timing: app;dur=MS`` (time inside the app, for benchmarks and
    browsers); an exception that escapes the app becomes a JSON error here, with the headers."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        started = False

        async def send_with_headers(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in have]
                extra.append((b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if started:  # a streamed response failed midway: nothing left to answer with
                log.exception("response failed after it started: %s %s", scope.get("method"), scope.get("path"))
                raise
            known = translate(exc)
            if known is None:
                log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
                await send_error(send_with_headers, 500, "internal error (logged on the server)")
            else:
                await send_error(send_with_headers, known.http_status, str(known))


class Guard:
    """Pure ASGI middleware applying a :class:`Policy`: Host, CORS, roles and CSRF, body size, write rate."""

    def __init__(self, app: Any, policy: Policy) -> None:
        self.app = app
        self.policy = policy
        self.rates = RateLimiter(policy.write_rate)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        p = self.policy
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not p.host_allowed(headers.get("host")):
            await send_error(send, 400, "this Host is not served here (start the server with --allow-host NAME)")
            return
        method = scope["method"]
        path: str = scope.get("path", "")
        origin = headers.get("origin")
        cors = self._cors_headers(origin)
        if method == "OPTIONS":  # a preflight: only a configured origin gets an answer that allows anything
            await send_error(send, 204 if cors else 403, "" if cors else "cross-origin requests are not allowed",
                             cors or None)
            return
        guarded = path.startswith("/api/") or path == "/openapi.json"
        role = p.role(headers.get("authorization"))
        if guarded and p.read_tokens and role is None:
            await send_error(send, 401, "this server needs a token (Authorization: Bearer ...)",
                             {"WWW-Authenticate": 'Bearer realm="kronik"', **cors})
            return
        limit = p.max_upload_bytes + 64 * 1024 if path in UPLOAD_PATHS else MAX_SMALL_BODY
        if method in WRITE_METHODS:
            refusal = self._refuse_write(headers, role, origin)
            if refusal is not None:
                await send_error(send, refusal[0], refusal[1], {**refusal[2], **cors})
                return
            client = (scope.get("client") or ("?", 0))[0]
            wait = self.rates.allow(client)
            if wait:
                await send_error(send, 429, "too many writes; try again later",
                                 {"Retry-After": str(int(wait) + 1), **cors})
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await send_error(send, 413 if length.isdigit() else 400,
                             f"request body larger than {limit} bytes" if length.isdigit() else "bad Content-Length",
                             cors or None)
            return
        read = 0

        async def bounded_receive() -> Any:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_with_cors(message: Any) -> None:
            if cors and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  *((k.lower().encode(), v.encode()) for k, v in cors.items())]}
            await send(message)

        await self.app(scope, bounded_receive, send_with_cors)

    def _cors_headers(self, origin: str | None) -> dict[str, str]:
        if not origin or origin.rstrip("/") not in self.policy.cors_origins:
            return {}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                "Access-Control-Allow-Methods": "GET, POST, DELETE",
                "Access-Control-Allow-Headers": f"Authorization, Content-Type, {CSRF_HEADER}",
                "Access-Control-Max-Age": "600"}

    def _refuse_write(self, headers: dict[str, str], role: str | None,
                      origin: str | None) -> tuple[int, str, dict[str, str]] | None:
        """(status, reason, headers) when a write must be refused, None when it may go on."""
        p = self.policy
        if not p.writes:
            return 403, "this server is read-only (start it with a write token to allow writes)", {}
        if p.write_tokens and role != "write":
            if role == "read":
                return 403, "this token may only read", {}
            return 401, "writing needs the write token (Authorization: Bearer ...)", {
                "WWW-Authenticate": 'Bearer realm="kronik"'}
        if headers.get("authorization") is None and CSRF_HEADER.lower() not in headers:
            return 403, f"a write needs the {CSRF_HEADER} header or a bearer token (no cross-site writes)", {}
        if origin is not None and not self._same_origin(origin, headers.get("host")) \
                and origin.rstrip("/") not in p.cors_origins:
            return 403, "cross-origin write refused", {}
        if headers.get("sec-fetch-site") == "cross-site" and (origin or "").rstrip("/") not in p.cors_origins:
            return 403, "cross-site write refused", {}
        return None

    @staticmethod
    def _same_origin(origin: str, host: str | None) -> bool:
        if not host or origin == "null":
            return False
        _, _, rest = origin.partition("://")
        return rest.rstrip("/").lower() == host.strip().lower()


@dataclass(frozen=True)
class Limits:
    """Per-request bounds of the routes (one place, so the README, the tests and the bench agree)."""

    search_seconds: float = 5.0
    """Time budget of one search: SQLite interrupts its query past it (503)."""
    search_threads: int = 4
    """Searches running at once (in worker threads, off the event loop); more wait their turn."""
    searches_per_client: int = 16
    """Searches one client address may have running or waiting at once (429 past it): a flood from one
    address cannot pile up an unbounded queue (a proxy in front makes every client one address)."""
    max_json_bytes: int = 16 * 1024 * 1024
    max_json_depth: int = MAX_JSON_DEPTH
    max_json_records: int = 5000
    max_exports: int = 2
    """Exports running at once (each reads the whole result; JSON and Parquet build it in memory); 429 past it."""


def parse_json(data: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A JSON body, or :class:`~kronik.errors.RequestError` (400) when it is not JSON, not UTF-8, or nested
    deeper than ``max_depth``.  The C parser gives up on very deep input with ``RecursionError`` after
    about a thousand levels (cheap), and the depth of what parsed is measured without recursion."""
    from kronik.errors import RequestError

    try:
        value = json.loads(data)
    except RecursionError as exc:
        raise RequestError(f"JSON nested deeper than {max_depth} levels") from exc
    except ValueError as exc:  # includes UnicodeDecodeError
        raise RequestError(f"not valid JSON: {exc}") from exc
    todo: list[tuple[Any, int]] = [(value, 1)]
    while todo:
        node, depth = todo.pop()
        if depth > max_depth:
            raise RequestError(f"JSON nested deeper than {max_depth} levels")
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        todo.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return value
