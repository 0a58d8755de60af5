import time

from schakel.core.ids import uuid7


def test_uuid7_is_version_7_rfc_variant_and_time_ordered():
    first = uuid7()
    time.sleep(0.002)
    second = uuid7()
    assert first.version == 7 and first.variant == "specified in RFC 4122"
    assert first.hex < second.hex  # a later id sorts after an earlier one: appended to the index
    assert abs((first.int >> 80) - time.time_ns() // 1_000_000) < 5_000
    assert len({uuid7() for _ in range(10_000)}) == 10_000
