from schakel.exchange import synthetic

from .conftest import TODAY, codes_in


def test_start_is_approved(exch, run):
    message = run(synthetic.start_message(exch.target, run.ident(), TODAY))
    assert message.status == "goedgekeurd", (message.error, message.codes)
    assert codes_in(message) == {"0200"}
