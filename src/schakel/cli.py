"""The ``schakel`` command: ``demo``, ``serve``, ``worker``, ``generate`` and every Django management command.

``schakel generate national [...]`` is the synthetic national data set for the monitor
(``generate_national``); ``schakel generate [...]`` without it is the synthetic municipality.

``schakel demo`` sets ``SCHAKEL_DEMO=true`` and, unless ``--with-2fa`` is given, ``SCHAKEL_DEMO_WITHOUT_2FA=true``
before the settings load; the demo announces the latter loudly when it starts.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.settings")
    if argv and argv[0] == "demo":
        os.environ["SCHAKEL_DEMO"] = "true"
        if "--with-2fa" not in argv:
            os.environ.setdefault("SCHAKEL_DEMO_WITHOUT_2FA", "true")
    if argv[:2] == ["generate", "national"]:
        argv = ["generate_national", *argv[2:]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["schakel", *argv])


if __name__ == "__main__":
    main()
