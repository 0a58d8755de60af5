"""The synthetic message generator (tests, batches, benchmark) and the benchmark helper."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from schakel.exchange.xml import parse_message
from schakel.exchange.xml.synthetic import INCOMING, generate_messages, synthetic_bsn


def _elfproef(bsn: str) -> bool:
    d = [int(c) for c in bsn]
    return len(d) == 9 and (sum(x * w for x, w in zip(d[:8], range(9, 1, -1), strict=True)) - d[8]) % 11 == 0


def test_generated_messages_are_valid_and_cover_every_incoming_kind():
    msgs = generate_messages(20, seed=3)
    parsed = [parse_message(m) for m in msgs]
    assert {m.name for m in parsed} == {f"{p}{s}" for p in ("WMO", "JW") for s in INCOMING}
    assert len({m.identificatie for m in parsed}) == 20
    for m in parsed:
        assert len(m.identificatie) <= 12
        clients = m.Declaratie.Clienten if m.Declaratie else [m.Client]
        assert all(_elfproef(c.Bsn) for c in clients)
        if m.Declaratie:
            d = m.Declaratie
            total = sum(p.IngediendBedrag.Bedrag for c in d.Clienten for p in c.Prestaties)
            assert d.TotaalIngediendBedrag.TotaalBedrag == total
            assert all(
                p.IngediendBedrag.Bedrag == p.GeleverdVolume * p.ProductTarief
                for c in d.Clienten
                for p in c.Prestaties
            )
            assert d.DeclaratiePeriode.Begindatum.day == 1


def test_generation_is_deterministic_by_seed():
    assert generate_messages(10, seed=5) == generate_messages(10, seed=5)
    assert generate_messages(10, seed=5) != generate_messages(10, seed=6)


def test_synthetic_bsn_passes_the_elfproef():
    rng = random.Random(1)
    assert all(_elfproef(synthetic_bsn(rng)) for _ in range(200))


def test_bench_measure_runs():
    root = Path(__file__).resolve().parents[4]
    sys.path.insert(0, str(root))
    try:
        from bench.exchange_xml import measure
    finally:
        sys.path.remove(str(root))
    r = measure(generate_messages(20, seed=1), repeat=1)
    assert r["n"] == 20 and r["bare_validation_msgs_per_s"] > 0 and r["parse_message_msgs_per_s"] > 0
