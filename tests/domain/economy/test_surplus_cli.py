"""The `cordones surplus` what-if calculator: good input in both formats, each bad input."""

import json
from decimal import Decimal as D

import pytest

from cordones.cli import surplus as cli
from cordones.cli.main import main as cordones_main

GOOD = {
    "policy": "ar-20337",
    "currency": "ARS",
    "surplus": "1000000.00",
    "basis": "hours",
    "losses_to_cover": "100000.00",
    "reserves_to_rebuild": "50000.00",
    "share_interest_rate": "0.06",
    "share_interest_cap": "0.40",
    "members": [
        {"id": "ana", "hours": "1600", "paid_in_shares": "5000.00"},
        {"id": "beto", "hours": "800", "paid_in_shares": "2000.00"},
        {"id": "carla", "hours": 1600},
    ],
}


def write(tmp_path, data, name="input.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def run(capsys, argv):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output(tmp_path, capsys):
    code, out, err = run(capsys, [write(tmp_path, GOOD), "--format", "json"])
    assert code == 0, err
    assert err == ""
    result = json.loads(out)
    assert result["funds"] == {
        "losses_covered": "100000.00",
        "reserves_rebuilt": "50000.00",
        "legal_reserve": "42500.00",
        "assistance_fund": "42500.00",
        "education_fund": "42500.00",
        "share_interest": "420.00",
        "retorno_total": "722080.00",
    }
    assert [(m["id"], m["retorno"]) for m in result["members"]] == [
        ("ana", "288832.00"),
        ("beto", "144416.00"),
        ("carla", "288832.00"),
    ]
    assert result["members"][0]["share_interest"] == "300.00"
    assert result["distributed"] is True
    assert result["currency"] == "ARS"
    total = sum(D(v) for v in result["funds"].values())
    assert total == D(GOOD["surplus"])


def test_text_output(tmp_path, capsys):
    code, out, err = run(capsys, [write(tmp_path, GOOD)])
    assert code == 0, err
    assert "Ley 20.337" in out
    assert "Legal reserve (5 %)" in out
    assert "42,500.00" in out
    assert "Retorno to members" in out
    assert "722,080.00" in out
    assert "ana" in out and "288,832.00" in out


def test_dispatched_by_cordones_main(tmp_path, capsys):
    assert cordones_main(["surplus", write(tmp_path, GOOD), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] == "ar-20337"


def test_text_goes_through_gettext(tmp_path, capsys):
    catalog = {"Year surplus": "Excedente del ejercicio", "Legal reserve": "Reserva legal"}
    code = cli.main([write(tmp_path, GOOD)], gettext=lambda s: catalog.get(s, s))
    out = capsys.readouterr().out
    assert code == 0
    assert "Excedente del ejercicio" in out
    assert "Reserva legal (5 %)" in out


def test_currency_defaults_to_the_policy_and_capital_accounts_shown(tmp_path, capsys):
    data = {
        "policy": "us-worker-coop",
        "surplus": "10000.00",
        "basis": "hours",
        "members": [{"id": "a", "hours": "5"}, {"id": "b", "hours": "7"}],
    }
    code, out, err = run(capsys, [write(tmp_path, data), "--format", "json"])
    assert code == 0, err
    result = json.loads(out)
    assert result["currency"] == "USD"
    assert result["credited_to_capital_accounts"] is True
    assert result["funds"]["collective_reserve"] == "3000.00"
    for m in result["members"]:
        assert D(m["retorno_cash"]) + D(m["retorno_capital"]) == D(m["retorno"])
    code, out, err = run(capsys, [write(tmp_path, data)])
    assert "Capital" in out and "capital account" in out


def test_fund_rates_can_be_raised_within_the_law(tmp_path, capsys):
    data = {
        "policy": "es-coop",
        "surplus": "10000.00",
        "basis": "hours",
        "fund_rates": {"reserve_fund": "0.30"},
        "members": [{"id": "a", "hours": "5"}],
    }
    code, out, _ = run(capsys, [write(tmp_path, data), "--format", "json"])
    assert code == 0
    assert json.loads(out)["funds"]["reserve_fund"] == "3000.00"


def test_a_loss_is_reported_not_refused(tmp_path, capsys):
    data = {**GOOD, "surplus": "-500.00"}
    code, out, err = run(capsys, [write(tmp_path, data), "--format", "json"])
    assert code == 0, err
    result = json.loads(out)
    assert result["distributed"] is False
    assert result["losses_carried_forward"] == "100500.00"
    assert set(result["funds"].values()) == {"0.00"}
    assert "nothing is distributed" in result["notes"][0]


def test_unset_cap_warns(tmp_path, capsys):
    data = {k: v for k, v in GOOD.items() if k != "share_interest_cap"}
    code, out, _ = run(capsys, [write(tmp_path, data), "--format", "json"])
    assert code == 0
    assert "Banco de la Nación" in json.loads(out)["warnings"][0]


def member(**fields):
    return {"id": "ana", "hours": "10", **fields}


BAD = [
    pytest.param("{not json", "INPUT", "invalid JSON", id="invalid-json"),
    pytest.param("[1, 2]", "INPUT", "JSON object", id="not-an-object"),
    pytest.param({**GOOD, "policy": None} | {}, "policy", "string", id="policy-not-string"),
    pytest.param(
        {k: v for k, v in GOOD.items() if k != "policy"}, "policy", "required", id="missing-policy"
    ),
    pytest.param(
        {k: v for k, v in GOOD.items() if k != "surplus"},
        "surplus",
        "required",
        id="missing-surplus",
    ),
    pytest.param(
        {k: v for k, v in GOOD.items() if k != "basis"}, "basis", "required", id="missing-basis"
    ),
    pytest.param(
        {k: v for k, v in GOOD.items() if k != "members"},
        "members",
        "required",
        id="missing-members",
    ),
    pytest.param({**GOOD, "surplus": "1.000,50"}, "surplus", "decimal string", id="not-decimal"),
    pytest.param({**GOOD, "surplus": "1e6"}, "surplus", "decimal string", id="exponent"),
    pytest.param({**GOOD, "surplus": "NaN"}, "surplus", "decimal string", id="nan"),
    pytest.param(
        '{"policy": "ar-20337", "surplus": 1000.50, "basis": "hours", "members": []}',
        "surplus",
        "float",
        id="json-float",
    ),
    pytest.param({**GOOD, "surplus": True}, "surplus", "decimal string", id="boolean"),
    pytest.param({**GOOD, "surplus": "100.001"}, "surplus", "cent", id="fraction-of-cent"),
    pytest.param({**GOOD, "policy": "fr-coop"}, "policy", "unknown policy", id="unknown-policy"),
    pytest.param({**GOOD, "basis": "seniority"}, "basis", "unknown basis", id="unknown-basis"),
    pytest.param(
        {**GOOD, "policy": "es-coop", "basis": "equal"},
        "basis",
        "does not allow",
        id="basis-not-allowed",
    ),
    pytest.param({**GOOD, "currency": "pesos"}, "currency", "currency code", id="bad-currency"),
    pytest.param({**GOOD, "surplsu": "1"}, "surplsu", "unknown field", id="unknown-field"),
    pytest.param({**GOOD, "members": {}}, "members", "list", id="members-not-list"),
    pytest.param(
        {**GOOD, "members": [member(hours="-8")]},
        "members[0].hours",
        "negative",
        id="negative-hours",
    ),
    pytest.param(
        {**GOOD, "members": [member(), member()]},
        "members[1].id",
        "more than once",
        id="duplicate-ids",
    ),
    pytest.param(
        {**GOOD, "members": [member(), {"id": "beto"}]},
        "members[1].hours",
        "has no hours",
        id="missing-basis-value",
    ),
    pytest.param(
        {**GOOD, "basis": "retiros", "members": [member()]},
        "members[0].retiros",
        "has no retiros",
        id="missing-retiros",
    ),
    pytest.param(
        {**GOOD, "members": [{"hours": "1"}]}, "members[0].id", "required", id="member-without-id"
    ),
    pytest.param(
        {**GOOD, "members": [member(hour="3")]},
        "members[0].hour",
        "unknown field",
        id="member-unknown-field",
    ),
    pytest.param(
        {**GOOD, "members": [member(paid_in_shares=12.5)]},
        "members[0].paid_in_shares",
        "float",
        id="member-float",
    ),
    pytest.param(
        {**GOOD, "members": [member(hours="0")]}, "members", "No member has any hours", id="no-work"
    ),
    pytest.param({**GOOD, "members": []}, "members", "no members", id="no-members"),
    pytest.param(
        {**GOOD, "losses_to_cover": "-1"}, "losses_to_cover", "negative", id="negative-losses"
    ),
    pytest.param(
        {**GOOD, "share_interest_rate": "0.5"},
        "share_interest_rate",
        "above the cap",
        id="rate-above-cap",
    ),
    pytest.param(
        {**GOOD, "fund_rates": {"legal_reserve": "0.10"}},
        "fund_rates.legal_reserve",
        "above the maximum",
        id="fund-rate-above-law",
    ),
    pytest.param(
        {**GOOD, "fund_rates": {"reserve_fund": "0.10"}},
        "fund_rates.reserve_fund",
        "no fund",
        id="unknown-fund",
    ),
    pytest.param(
        '{"policy": "ar-20337", "policy": "es-coop"}', "INPUT", "appears twice", id="duplicate-key"
    ),
]


@pytest.mark.parametrize(("data", "field", "message"), BAD)
@pytest.mark.parametrize("output", ["text", "json"])
def test_bad_input_exits_non_zero_naming_the_field(tmp_path, capsys, data, field, message, output):
    code, out, err = run(capsys, [write(tmp_path, data), "--format", output])
    assert code != 0
    assert out == ""
    assert f"error: {field}: " in err
    assert message.lower() in err.lower()


def test_missing_file(tmp_path, capsys):
    code, out, err = run(capsys, [str(tmp_path / "nope.json")])
    assert code != 0 and out == ""
    assert "cannot read" in err and "nope.json" in err


def test_bad_arguments(capsys):
    code, out, err = run(capsys, ["x.json", "--format", "xml"])
    assert code != 0 and out == ""
    assert "--format" in err
