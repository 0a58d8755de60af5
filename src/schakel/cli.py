"""The ``schakel`` command: ``demo``, ``serve``, ``worker``, ``generate`` and every Django management command."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.settings")
    if argv and argv[0] == "demo":
        os.environ.setdefault("SCHAKEL_DEMO", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["schakel", *argv])


if __name__ == "__main__":
    main()
