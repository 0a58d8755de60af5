"""A small HTTP load generator: sequential, open-loop (fixed arrival rate) and closed-loop (saturation).

Runs in its own process against a real server (gunicorn). Keep-alive connections per worker thread
(``http.client``); latency is measured at the client; the server's own time comes from the
``Server-Timing: app;dur=…`` header that Schakel adds to every response.
"""

from __future__ import annotations

import http.client
import queue
import random
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Sample:
    kind: str
    status: int
    client_ms: float
    server_ms: float | None


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)
    elapsed: float = 0.0

    def of(self, kind: str | None = None) -> list[Sample]:
        return [s for s in self.samples if kind is None or s.kind == kind]

    def summary(self, kind: str | None = None) -> dict:
        chosen = self.of(kind)
        ok = [s for s in chosen if 200 <= s.status < 400]
        client = sorted(s.client_ms for s in ok)
        server = sorted(s.server_ms for s in ok if s.server_ms is not None)
        return {
            "requests": len(chosen),
            "errors": len(chosen) - len(ok),
            "client_p50_ms": _pct(client, 50),
            "client_p95_ms": _pct(client, 95),
            "server_p50_ms": _pct(server, 50),
            "server_p95_ms": _pct(server, 95),
            "mean_ms": round(statistics.fmean(client), 2) if client else None,
            "throughput_rps": round(len(ok) / self.elapsed, 1) if self.elapsed else None,
        }


def _pct(values: list[float], pct: int) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))
    return round(values[index], 2)


class Client:
    """One keep-alive connection with the session cookie of a logged-in user."""

    def __init__(self, host: str, port: int, cookie: str, token: str = ""):
        self.host, self.port, self.cookie, self.token = host, port, cookie, token
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def get(self, kind: str, path: str) -> Sample:
        headers = {"Cookie": self.cookie, "Accept": "text/html,application/json"}
        start = time.perf_counter()
        status, timing = 599, ""
        for attempt in (1, 2):
            try:
                self.conn.request("GET", path, headers=headers)
                response = self.conn.getresponse()
                response.read()
                status = response.status
                timing = response.getheader("Server-Timing", "")
                break
            except (OSError, http.client.HTTPException) as exc:
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                # The server closed an idle keep-alive connection: resend once on a new one, as browsers do.
                stale = isinstance(
                    exc, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
                )
                if not (stale and attempt == 1):
                    break
        elapsed = (time.perf_counter() - start) * 1000
        return Sample(kind, status, elapsed, _server_ms(timing))


def _server_ms(header: str) -> float | None:
    for part in header.split(","):
        if part.strip().startswith("app;dur="):
            return float(part.split("=", 1)[1])
    return None


Target = tuple[str, str]  # (kind, path)


def sequential(client: Client, targets: list[Target], n: int, rng: random.Random) -> Stats:
    stats = Stats()
    start = time.perf_counter()
    for _ in range(n):
        kind, path = rng.choice(targets)
        stats.samples.append(client.get(kind, path))
    stats.elapsed = time.perf_counter() - start
    return stats


def open_loop(
    make_client, targets: list[Target], rate: float, seconds: float, rng: random.Random, threads: int = 32
) -> Stats:
    """Requests arrive at ``rate`` per second whatever the server does (no coordinated omission):
    latency is measured from the scheduled send time."""
    stats = Stats()
    lock = threading.Lock()
    jobs: queue.Queue = queue.Queue()

    def worker():
        client = make_client()
        while True:
            job = jobs.get()
            if job is None:
                return
            scheduled, kind, path = job
            sample = client.get(kind, path)
            sample.client_ms = (time.perf_counter() - scheduled) * 1000
            with lock:
                stats.samples.append(sample)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    start = time.perf_counter()
    total = int(rate * seconds)
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        kind, path = rng.choice(targets)
        jobs.put((scheduled, kind, path))
    for _ in pool:
        jobs.put(None)
    for thread in pool:
        thread.join()
    stats.elapsed = time.perf_counter() - start
    return stats


def closed_loop(make_client, targets: list[Target], clients: int, seconds: float, seed: int) -> Stats:
    """``clients`` concurrent users, each sending its next request as soon as the previous one returns."""
    stats = Stats()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(index: int):
        rng = random.Random(seed + index)
        client = make_client()
        local = []
        while time.perf_counter() < deadline:
            kind, path = rng.choice(targets)
            local.append(client.get(kind, path))
        with lock:
            stats.samples.extend(local)

    start = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    stats.elapsed = time.perf_counter() - start
    return stats
