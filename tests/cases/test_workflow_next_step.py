"""The dossier's next required step is read from the moves' declarations (`requires`,
`applies`, `advances`, `answers`), so those declarations must hold together."""

from cases import payer
from cases import workflow as wf


def test_every_open_state_has_exactly_one_advancing_move():
    for state in wf.OPEN_STATES:
        advancing = [n for n in wf.ALLOWED_MOVES[state] if wf.get_move(n).advances]
        assert len(advancing) == 1, (state, advancing)
    for state in wf.END_STATES:
        assert not wf.ALLOWED_MOVES[state]


def test_a_required_move_is_declared_and_offered_wherever_the_move_requiring_it_is():
    for declared in wf.REGISTRY.values():
        for name in declared.requires:
            required = wf.get_move(name)  # raises UnknownMove for a typo
            assert set(declared.from_states) <= set(required.from_states), (declared.name, name)


def test_the_moves_answer_only_reasons_the_paying_party_gives():
    known = {payer.ECONOMIC_TOTAL_LOSS, payer.EXPERTISE_REQUIRED, payer.PART_NOT_INVOICED}
    answered = {code for m in wf.REGISTRY.values() for code in m.answers}
    assert answered == known


def test_the_intake_requirements_are_named_in_the_refusal_as_declared():
    requires = wf.get_move("receive_repair_order").requires
    assert requires == (
        "create_dossier",
        "record_damage",
        "record_hv_judgement",
        "record_first_estimate",
    )
    assert all(wf.get_move(name).phrase for name in requires)
