"""XML-layer helpers for the exchange benchmark (issue 4, Performance).

* :func:`generate_messages` (from :mod:`schakel.exchange.xml.synthetic`, re-exported) - valid iWmo/iJw 3.2 message bytes of the incoming kinds (315, 317, 305, 307,
  323) from synthetic values, deterministic by ``seed``. Every message is XSD-valid (built with
  :func:`schakel.exchange.xml.build_message`) and consistent within itself (11-proef BSN, Einddatum >=
  Begindatum, DeclaratiePeriode one calendar month, TotaalBedrag = sum of the lines, Bedrag = Volume x
  Tarief). :func:`make_message` returns the :class:`Message` so a caller can add rule violations first.
* :func:`measure` - the baseline: bare lxml parse + XSD validation msgs/s, and ``parse_message`` msgs/s
  (safe parse + detection + XSD + decoding into dataclasses) on the same list of bytes, one core.

``python -m bench.exchange_xml [--n 5000] [--seed 1]`` prints both figures. Synthetic data only.
"""

from __future__ import annotations

import argparse
import gc
import time

from lxml import etree

from schakel.exchange.xml import parse_message, schema_for
from schakel.exchange.xml.kinds import KINDS
from schakel.exchange.xml.safe import safe_parser
from schakel.exchange.xml.synthetic import INCOMING, generate_messages, make_message, synthetic_bsn

__all__ = ["INCOMING", "generate_messages", "make_message", "measure", "synthetic_bsn"]


def _rate(fn, messages: list[bytes], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        for data in messages:
            fn(data)
        best = min(best, time.perf_counter() - t0)
    return len(messages) / best


def measure(messages: list[bytes], *, repeat: int = 3) -> dict[str, float]:
    """Messages per second on one core (best of ``repeat``) for:

    * ``bare_validation``: ``etree.fromstring`` with a plain parser + ``XMLSchema.validate`` (the schema
      picked by the root tag from a pre-built dict) - the baseline of the issue;
    * ``parse_message``: the full XML layer (hardened parse, detection, XSD, decoding into dataclasses).
    """
    by_tag = {"{" + k.namespace + "}Bericht": schema_for(k) for k in KINDS}
    parser = etree.XMLParser()

    def bare(data: bytes) -> None:
        root = etree.fromstring(data, parser)
        if not by_tag[root.tag].validate(root):
            raise AssertionError("invalid message in the benchmark set")

    safe_parser()
    for data in messages[:50]:  # warm caches (schemas, plans)
        parse_message(data)
    return {
        "n": len(messages),
        "bytes_avg": sum(map(len, messages)) / max(1, len(messages)),
        "bare_validation_msgs_per_s": _rate(bare, messages, repeat),
        "parse_message_msgs_per_s": _rate(parse_message, messages, repeat),
    }


def _main() -> None:
    ap = argparse.ArgumentParser(description="XML layer throughput (bare lxml XSD vs parse_message)")
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    messages = generate_messages(args.n, seed=args.seed)
    gen = time.perf_counter() - t0
    r = measure(messages, repeat=args.repeat)
    print(
        f"generated {r['n']} messages ({r['bytes_avg']:.0f} bytes avg) in {gen:.2f} s ({r['n'] / gen:.0f}/s)"
    )
    print(f"bare lxml parse + XSD : {r['bare_validation_msgs_per_s']:8.0f} msgs/s")
    print(f"parse_message         : {r['parse_message_msgs_per_s']:8.0f} msgs/s")
    print(f"ratio                 : {r['parse_message_msgs_per_s'] / r['bare_validation_msgs_per_s']:.2f}")


if __name__ == "__main__":
    _main()
