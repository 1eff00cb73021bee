"""Invariants every count must keep, on random profiles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.voting import RankedBallot, RankedProfile, tally

PROPERTY = settings(max_examples=60, deadline=None)
RANKED_METHODS = ("irv", "stv", "meek", "schulze", "plurality", "approval")


@st.composite
def profiles(draw: st.DrawFn, max_candidates: int = 6, max_count: int = 20) -> RankedProfile:
    n = draw(st.integers(1, max_candidates))
    cands = tuple("ABCDEFGH"[:n])
    ballots = []
    for _ in range(draw(st.integers(0, 12))):
        order = draw(st.permutations(cands))
        length = draw(st.integers(0, n))
        ballots.append(RankedBallot(tuple(order[:length]), draw(st.integers(1, max_count))))
    return RankedProfile(cands, tuple(ballots))


def seats_for(method: str, profile: RankedProfile, seats: int) -> dict[str, int]:
    return {} if method == "irv" else {"seats": min(seats, len(profile.candidates))}


@PROPERTY
@given(
    profiles(),
    st.randoms(use_true_random=False),
    st.sampled_from(RANKED_METHODS),
    st.integers(1, 3),
    st.integers(0, 1000),
)
def test_a_tally_does_not_depend_on_ballot_order(
    profile: RankedProfile, rnd, method: str, seats: int, seed: int
) -> None:
    shuffled = list(profile.ballots)
    rnd.shuffle(shuffled)
    # split aggregated ballots apart too: 3 x ABC is the same as ABC, ABC, ABC
    split = []
    for ballot in shuffled:
        split.extend([RankedBallot(ballot.ranking, 1)] * ballot.count)
    rnd.shuffle(split)
    options = {**seats_for(method, profile, seats), "seed": seed}
    first = tally(method, profile, **options)
    assert tally(method, RankedProfile(profile.candidates, tuple(shuffled)), **options) == first
    assert tally(method, RankedProfile(profile.candidates, tuple(split)), **options) == first


@PROPERTY
@given(profiles(), st.sampled_from(RANKED_METHODS), st.integers(1, 4), st.integers(0, 99))
def test_winners_are_distinct_candidates_and_fill_the_seats(
    profile: RankedProfile, method: str, seats: int, seed: int
) -> None:
    options = {**seats_for(method, profile, seats), "seed": seed}
    result = tally(method, profile, **options)
    assert set(result.winners) <= set(profile.candidates)
    assert len(set(result.winners)) == len(result.winners)
    assert result.complete  # a seed was given: every tie can be decided
    wanted = options.get("seats", 1)
    if method in ("stv", "meek") and result.valid_ballots:
        assert len(result.winners) == wanted  # enough continuing candidates: seats <= candidates
    assert len(result.winners) <= wanted


@PROPERTY
@given(profiles(), st.integers(1, 4), st.integers(0, 99))
def test_counts_conserve_the_votes(profile: RankedProfile, seats: int, seed: int) -> None:
    seats = min(seats, len(profile.candidates))
    irv = tally("irv", profile, seed=seed)
    for round_ in irv.rounds:
        assert sum(v for _, v in round_.counts) + round_.exhausted == irv.valid_ballots
    stv = tally("stv", profile, seats=seats, seed=seed)
    for stage in stv.rounds:
        assert sum(v for _, v in stage.counts) + stage.exhausted + stage.loss == stv.valid_ballots
        assert stage.loss >= 0 and stage.exhausted >= 0
    meek = tally("meek", profile, seats=seats, seed=seed)
    for round_ in meek.rounds:
        assert sum(v for _, v in round_.counts) + round_.exhausted == meek.valid_ballots
        assert all(0 < keep <= 1 for _, keep in round_.keep_values)


@PROPERTY
@given(profiles(), st.integers(1, 3))
def test_without_a_seed_a_needed_lot_stops_the_count_as_data(
    profile: RankedProfile, seats: int
) -> None:
    seats = min(seats, len(profile.candidates))
    for method in ("irv", "stv", "meek", "schulze", "plurality"):
        options = seats_for(method, profile, seats)
        result = tally(method, profile, **options)
        if result.lot_required:
            assert not result.complete
            assert len(result.tied) >= 2
            assert not result.tie_broken_by_lot and result.lot_seed is None
        else:
            assert not result.tie_broken_by_lot
            # no lot was needed, so a seed changes nothing
            assert tally(method, profile, **options, seed=1) == result


@PROPERTY
@given(profiles(max_candidates=5), st.integers(0, 99))
def test_scottish_stv_elects_anyone_reaching_the_quota_on_first_preferences(
    profile: RankedProfile, seed: int
) -> None:
    seats = min(2, len(profile.candidates))
    result = tally("stv", profile, seats=seats, seed=seed)
    if not result.valid_ballots:
        return
    first = dict(result.rounds[0].counts)
    for name, votes in first.items():
        if votes >= result.quota:
            assert name in result.winners
