import pytest

from schakel.cases import workflow
from schakel.cases.models import CaseStatus as S

ALL = list(S.values)


@pytest.mark.parametrize("current", ALL)
@pytest.mark.parametrize("target", ALL)
def test_table_is_the_only_truth(current, target):
    user_ok = target in workflow.USER_TRANSITIONS.get(current, set())
    system_ok = user_ok or target in workflow.SYSTEM_TRANSITIONS.get(current, set())
    if user_ok:
        workflow.check(current, target, by_system=False)
    else:
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.check(current, target, by_system=False)
    if system_ok:
        workflow.check(current, target, by_system=True)
    else:
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.check(current, target, by_system=True)


def test_system_only_states_are_never_user_targets():
    for targets in workflow.USER_TRANSITIONS.values():
        assert not (targets & workflow.SYSTEM_ONLY_STATES)


def test_closed_is_final():
    assert workflow.USER_TRANSITIONS[S.AFGESLOTEN] == frozenset()
    assert S.AFGESLOTEN not in workflow.SYSTEM_TRANSITIONS
