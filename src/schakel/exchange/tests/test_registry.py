"""Every registered rule has a test that triggers its retour code (the COVERED sets of the rule tests)."""

from schakel.exchange.rules import implemented

from . import test_outgoing, test_rules_declaration, test_rules_delivery, test_rules_requests


def test_every_rule_is_triggered_by_a_test():
    covered = test_rules_delivery.COVERED | test_rules_requests.COVERED | test_rules_declaration.COVERED
    covered |= test_outgoing.COVERED
    registered = {rule.id for rule in implemented()}
    assert registered - covered == set()


def test_every_rule_has_a_docstring_citing_its_id():
    for rule in implemented():
        assert rule.summary.startswith(rule.id.split("/")[0]), rule.id
