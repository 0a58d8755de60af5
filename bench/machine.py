"""What the benchmarks read about the machine: CPU seconds of the PostgreSQL backend serving a connection.

Wall times on the shared 2-core machine depend on the load; CPU seconds of the worker (``resource``) and of
the database backend serving it (``/proc/<pid>/stat``) say what the work itself cost.
"""

from __future__ import annotations

import os
from pathlib import Path


def backend_cpu_seconds(connection) -> float | None:
    """CPU seconds used so far by the PostgreSQL backend of ``connection`` (None on SQLite or when /proc
    is not readable, e.g. a database on another host)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
