import datetime as dt

import pytest

from checkback.core.resolutions import (
    IncompleteResolutionError,
    Outcome,
    ResolutionForm,
    ResolutionKind,
    breather_suggested,
)

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_a_form_without_outcome_is_refused():
    with pytest.raises(IncompleteResolutionError, match="Choose the outcome"):
        ResolutionForm("Late", "Reshipped", ResolutionKind.REPLACEMENT, None).checked()


def test_a_form_is_trimmed_to_one_line_and_its_limits():
    form = ResolutionForm("  Late\n parcel  " + "x" * 400, " Reshipped \n",
                          ResolutionKind.REPLACEMENT, Outcome.SATISFIED).checked()
    assert form.problem.startswith("Late parcel x")
    assert len(form.problem) == 300
    assert form.resolution == "Reshipped"


@pytest.mark.parametrize(("outcome", "minutes", "suggested"), [
    (Outcome.SATISFIED, 5, False),
    (Outcome.ACCEPTED_RELUCTANTLY, 19, False),
    (Outcome.SATISFIED, 20, True),
    (Outcome.ESCALATED, 1, True),
    (Outcome.UNRESOLVED, 1, True),
])
def test_breather_after_hard_outcomes_or_long_conversations(outcome, minutes, suggested):
    ended = T0 + dt.timedelta(minutes=minutes)
    assert breather_suggested(outcome, T0, ended, 20) is suggested


def test_every_kind_and_outcome_has_a_label():
    assert ResolutionKind.INSTANT_FIX.label == "Instant fix"
    assert Outcome.ESCALATED.label == "Escalated to a manager"
    assert all(kind.label for kind in ResolutionKind)
    assert all(outcome.label for outcome in Outcome)
