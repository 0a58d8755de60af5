"""``schakel serve``: the production-style web server (gunicorn, threaded workers; WhiteNoise serves static)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

#: Defaults for a 2-core machine: one process per core (the GIL serialises Python within a process) and a
#: few threads per process to overlap database waits. The foundation benchmark (``bench/run.py``) serves
#: with exactly these arguments, so its figures are those of ``schakel serve``.
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4


def gunicorn_args(host: str, port: int, workers: int, threads: int, *, access_log: bool = True) -> list[str]:
    """The gunicorn command line of ``schakel serve`` (gthread workers). ``access_log=False`` only for
    benchmarks, whose request log would go to /dev/null anyway."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "schakel.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        *(["--access-logfile", "-"] if access_log else []),
        "--log-level",
        "info",
    ]


def run_until_interrupted(processes: list[subprocess.Popen]) -> int:
    """Wait for the first process to end (or Ctrl-C), then stop all of them."""
    code = 0

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(p.poll() is None for p in processes):
            try:
                processes[0].wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
        code = next((p.returncode for p in processes if p.returncode), 0)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return code


class Command(BaseCommand):
    help = "Start de webserver (gunicorn) voor productiegebruik."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default="127.0.0.1", help="Adres om op te luisteren (standaard 127.0.0.1)."
        )
        parser.add_argument("--port", type=int, default=8000, help="Poort (standaard 8000).")
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            help=f"Aantal werkprocessen (standaard {DEFAULT_WORKERS}).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_THREADS,
            help=f"Threads per werkproces (standaard {DEFAULT_THREADS}).",
        )

    def handle(self, *args, host, port, workers, threads, **options):
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Schakel draait op http://{host}:{port}/ (stoppen met Ctrl-C)")
        code = run_until_interrupted([subprocess.Popen(gunicorn_args(host, port, workers, threads))])  # noqa: S603
        if code:
            sys.exit(code)
