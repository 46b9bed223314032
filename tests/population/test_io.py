"""Reading populations: every format, exact money, bad rows named, the side file, strict mode."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tablegen import NotTabular, arrow_tables, rows_of, textual, write_csv

from careact.charging.models import ChargingCase
from careact.errors import InputError
from careact.population.convert import case_at, cases, to_columns
from careact.population.io import (
    read_population,
    results_table,
    to_arrow,
    write_population,
    write_results,
)
from strategies import charging_cases, malformed_batches

PEOPLE = ["id", "person.date_of_birth", "care.setting", "care.weekly_cost", "care.start_date", "partner.date_of_birth",
          "dependent_children", "lone_parent"]
INCOME = ["person_id", "type", "amount", "frequency", "owner"]


def _people(*rows: dict[str, str]) -> list[dict[str, str | None]]:
    base = {"person.date_of_birth": "1940-05-01", "care.setting": "non_residential", "care.weekly_cost": "210.00"}
    return [{**base, **r} for r in rows]


def _folder(tmp_path: Path, people: list[dict[str, Any]], income: list[dict[str, Any]] | None = None,
            capital: list[dict[str, Any]] | None = None) -> Path:
    write_csv(tmp_path / "people.csv", people, sorted({k for r in people for k in r} | {"id"}))
    if income is not None:
        write_csv(tmp_path / "income.csv", income, sorted({k for r in income for k in r} | {"person_id"}))
    if capital is not None:
        write_csv(tmp_path / "capital.csv", capital, sorted({k for r in capital for k in r} | {"person_id"}))
    return tmp_path


def _only(result: Any, table: str, column: str) -> Any:
    hits = [r for r in result.rejected if r.table == table and r.column == column]
    assert len(hits) == 1, result.rejected
    return hits[0]


# --------------------------------------------------------------------------- round trips through every format

batches = st.lists(charging_cases().map(lambda d: ChargingCase.model_validate(d.case)), min_size=1, max_size=5)


def _same_cases(pop: Any, batch: list[ChargingCase]) -> None:
    back = cases(pop)
    assert len(back) == len(batch)
    for a, b in zip(back, batch, strict=True):
        assert a == b
        assert a.model_dump(mode="json") == b.model_dump(mode="json")


@pytest.mark.parametrize("fmt", ["parquet", "csv", "arrow"])
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], deadline=None)
@given(batch=batches)
def test_files_round_trip_exactly(tmp_path: Path, fmt: str, batch: list[ChargingCase]) -> None:
    folder = tmp_path / f"{fmt}-{abs(hash(tuple(id(c) for c in batch)))}"
    write_population(to_columns(batch), folder, format=fmt)
    result = read_population(folder)
    assert result.rejected == ()
    _same_cases(result.population, batch)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(batch=batches)
def test_arrow_pandas_and_polars_tables_round_trip_exactly(batch: list[ChargingCase]) -> None:
    tables = to_arrow(to_columns(batch))
    people, rest = tables["people"], {k: v for k, v in tables.items() if k != "people"}
    _same_cases(read_population(people, **rest).population, batch)
    frames: dict[str, Any] = {k: v.to_pandas() for k, v in tables.items()}
    _same_cases(read_population(frames.pop("people"), **frames).population, batch)
    pframes: dict[str, Any] = {k: pl.from_arrow(v) for k, v in tables.items()}
    _same_cases(read_population(pframes.pop("people"), **pframes).population, batch)


def test_a_hand_written_csv(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        _people({"id": "A", "care.weekly_cost": "210.5"}, {"id": "B", "care.setting": "permanent_residential",
                                                             "care.start_date": "2025-01-06", "care.weekly_cost": "850"}),
        income=[{"person_id": "A", "type": "state_pension", "amount": "230.25"},
                {"person_id": "B", "type": "state_pension", "amount": "176.45", "frequency": "weekly"},
                {"person_id": "A", "type": "occupational_pension", "amount": "400.00", "frequency": "monthly"}],
    )
    result = read_population(folder)
    assert result.ok and result.rejects_path is None
    pop = result.population
    assert pop.people.care_weekly_cost.tolist() == [21050, 85000]
    assert pop.income.offsets.tolist() == [0, 2, 3]
    a = case_at(pop, 0)
    assert [(i.type, i.amount, i.frequency) for i in a.income] == [
        ("state_pension", Decimal("230.25"), "weekly"), ("occupational_pension", Decimal("400.00"), "monthly")]
    assert not (folder / "rejected.csv").exists()


# --------------------------------------------------------------------------- bad rows

BAD_PEOPLE = [
    ({"care.weekly_cost": "12.345"}, "care.weekly_cost", "precision"),
    ({"care.weekly_cost": "-5"}, "care.weekly_cost", "negative"),
    ({"care.weekly_cost": "£12"}, "care.weekly_cost", "type"),
    ({"care.weekly_cost": "99999999999999"}, "care.weekly_cost", "range"),
    ({"person.date_of_birth": "1940-02-30"}, "person.date_of_birth", "date"),
    ({"person.date_of_birth": ""}, "person.date_of_birth", "missing"),
    ({"care.setting": "residential"}, "care.setting", "choice"),
    ({"dependent_children": "25"}, "dependent_children", "range"),
    ({"dependent_children": "two"}, "dependent_children", "type"),
    ({"lone_parent": "maybe"}, "lone_parent", "type"),
    ({"lone_parent": "true"}, "lone_parent", "inconsistent"),
    ({"lone_parent": "true", "dependent_children": "1", "partner.date_of_birth": "1945-01-01"}, "lone_parent", "inconsistent"),
    ({"care.setting": "permanent_residential"}, "care.start_date", "missing"),
]


@pytest.mark.parametrize(("cells", "column", "code"), BAD_PEOPLE)
def test_a_bad_people_row_is_named_and_left_out_with_its_items(tmp_path: Path, cells: dict[str, str], column: str, code: str) -> None:
    folder = _folder(
        tmp_path,
        _people({"id": "good-1"}, {"id": "bad", **cells}, {"id": "good-2"}),
        income=[{"person_id": "bad", "type": "state_pension", "amount": "100"},
                {"person_id": "good-2", "type": "state_pension", "amount": "120"}],
    )
    result = read_population(folder)
    assert result.population.people.id.tolist() == ["good-1", "good-2"]
    assert result.population.income.amount.tolist() == [12000]
    hit = _only(result, "people", column)
    assert (hit.row, hit.person_id, hit.code) == (2, "bad", code)
    assert hit.values["id"] == "bad"
    follow = [r for r in result.rejected if r.table == "income"]
    assert [(f.row, f.code, f.person_id) for f in follow] == [(1, "person_rejected", "bad")]
    assert result.rejected_people == ("bad",)
    assert result.rejects_path == folder / "rejected.csv"


def test_messages_are_the_case_models_own(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _people({"id": "x", "care.weekly_cost": "12.345"}))
    hit = _only(read_population(folder), "people", "care.weekly_cost")
    assert hit.problem == "'12.345' has more than two decimal places (pence)"


BAD_ITEMS = [
    ({"type": "state_pensoin"}, "type", "unknown_value", "did you mean 'state_pension'"),
    ({"amount": "1.5e3"}, "amount", "type", "not an amount of money"),
    ({"amount": ""}, "amount", "missing", "is required"),
    ({"owner": "partner"}, "owner", "inconsistent", "no partner"),
    ({"frequency": "daily"}, "frequency", "choice", "is not one of"),
    ({"person_id": "nobody"}, "person_id", "unknown_person", "no person with id 'nobody'"),
]


@pytest.mark.parametrize(("cells", "column", "code", "words"), BAD_ITEMS)
def test_a_bad_item_row_leaves_its_person_out(tmp_path: Path, cells: dict[str, str], column: str, code: str, words: str) -> None:
    income = [{"person_id": "p1", "type": "state_pension", "amount": "100"},
              {"person_id": "p1", "type": "state_pension", "amount": "5", **cells},
              {"person_id": "p2", "type": "state_pension", "amount": "120"}]
    result = read_population(_folder(tmp_path, _people({"id": "p1"}, {"id": "p2"}), income=income))
    hit = _only(result, "income", column)
    assert (hit.row, hit.code) == (2, code) and words in hit.problem
    if column == "person_id":  # an orphan row: nobody to leave out, but the row is listed
        assert result.population.people.id.tolist() == ["p1", "p2"]
        assert result.rejected_people == ()
    else:
        assert result.population.people.id.tolist() == ["p2"]
        people_row = _only(result, "people", "")
        assert people_row.code == "person_rejected" and "income row 2" in people_row.problem
        assert {(r.table, r.row) for r in result.rejected} == {("people", 1), ("income", 1), ("income", 2)}


def test_capital_rules(tmp_path: Path) -> None:
    capital = [
        {"person_id": "a", "type": "main_home", "value": "100"},
        {"person_id": "b", "type": "cash", "value": "100", "owner": "joint_with_others"},
        {"person_id": "c", "type": "cash", "value": "100", "owner": "joint_with_others", "share": "1.5"},
        {"person_id": "d", "type": "cash", "value": "100", "owner": "person", "share": "1/2"},
        {"person_id": "e", "type": "cash", "value": "100", "owner": "joint_with_others", "share": "1/3"},
    ]
    result = read_population(_folder(tmp_path, _people(*({"id": k} for k in "abcde")), capital=capital))
    assert result.population.people.id.tolist() == ["e"]
    got = {(r.person_id, r.column, r.code) for r in result.rejected if r.table == "capital" and r.code != "person_rejected"}
    assert got == {("a", "type", "misplaced"), ("b", "joint_owners", "missing"), ("c", "share", "invalid"),
                   ("d", "share", "inconsistent")}
    share = result.population.capital.share
    assert (int(share.num[0]), int(share.den[0]), int(share.places[0])) == (1, 3, -1)


def test_duplicate_ids_reject_every_copy(tmp_path: Path) -> None:
    result = read_population(_folder(tmp_path, _people({"id": "x"}, {"id": "y"}, {"id": "x"})))
    assert result.population.people.id.tolist() == ["y"]
    dup = [r for r in result.rejected if r.code == "duplicate"]
    assert [(r.row, r.person_id) for r in dup] == [(1, "x"), (3, "x")]
    assert "rows 1, 3" in dup[0].problem


def test_a_csv_row_of_the_wrong_length(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(
        "id,person.date_of_birth,care.setting,care.weekly_cost\n"
        "a,1940-01-01,non_residential,100\n"
        "b,1940-01-01,non_residential,100,surplus\n"
        "\n"
        "c,1940-01-01,non_residential,abc\n"
        "d,1940-01-01,non_residential,100\n",
        encoding="utf-8",
    )
    (tmp_path / "income.csv").write_text(
        "person_id,type,amount\nd,state_pension,10\nd,state_pension\na,state_pension,12\n", encoding="utf-8")
    result = read_population(tmp_path)
    assert result.population.people.id.tolist() == ["a"]
    got = [(r.table, r.row, r.person_id, r.code) for r in result.rejected]
    assert got == [
        ("people", 2, "b", "columns"),
        ("people", 3, "c", "type"),
        ("people", 4, "d", "person_rejected"),
        ("income", 1, "d", "person_rejected"),
        ("income", 2, "d", "columns"),
    ]


def test_the_side_file(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    write_csv(people, _people({"id": "ok"}, {"id": "bad", "care.weekly_cost": "1.001"}))
    result = read_population(people)
    assert result.rejects_path == tmp_path / "people.rejected.csv"
    with result.rejects_path.open(encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    assert [(x["table"], x["row"], x["person_id"], x["column"], x["code"]) for x in lines] == [
        ("people", "2", "bad", "care.weekly_cost", "precision")]
    assert json.loads(lines[0]["values"])["care.weekly_cost"] == "1.001"
    assert "1 left out" in result.summary()
    # written where asked, in Parquet too; or not at all
    target = tmp_path / "out" / "why.parquet"
    target.parent.mkdir()
    assert read_population(people, rejects=target).rejects_path == target
    assert pq.read_table(target).column("code").to_pylist() == ["precision"]
    assert read_population(people, rejects=None).rejects_path is None


def test_strict_stops_at_the_first_problem(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _people({"id": "a"}, {"id": "b", "care.weekly_cost": "x", "dependent_children": "99"},
                                       {"id": "c", "care.weekly_cost": "y"}),
                     income=[{"person_id": "a", "type": "nope", "amount": "1"}])
    with pytest.raises(InputError) as err:
        read_population(folder, strict=True)
    assert err.value.problems[0].field == "people row 2, column care.weekly_cost"
    assert len(err.value.problems) == 1
    assert not (folder / "rejected.csv").exists()


# --------------------------------------------------------------------------- problems with whole columns or files


def test_float_money_is_refused_by_column(tmp_path: Path) -> None:
    frame = pd.DataFrame({"id": ["a", "b"], "person.date_of_birth": ["1940-01-01"] * 2,
                          "care.setting": ["non_residential"] * 2, "care.weekly_cost": [np.nan, 12.5]})
    with pytest.raises(InputError) as err:
        read_population(frame)
    problem = err.value.problems[0]
    assert problem.field == "people (pandas DataFrame) column care.weekly_cost" and problem.code == "float_money"
    assert "floating-point" in problem.problem and "row 2" in problem.problem


def test_an_all_empty_float_column_is_simply_not_given() -> None:
    frame = pd.DataFrame({"id": ["a"], "person.date_of_birth": ["1940-01-01"], "care.setting": ["non_residential"],
                          "care.weekly_cost": ["10"], "care.third_party_top_up": [np.nan]})
    assert read_population(frame).population.people.care_third_party_top_up.tolist() == [0]


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    write_csv(tmp_path / "people.csv", [{"id": "a", "person.date_of_brith": "1940-01-01", "care.setting": "respite"}])
    with pytest.raises(InputError) as err:
        read_population(tmp_path / "people.csv")
    got = {(p.field, p.code) for p in err.value.problems}
    assert ("people.csv column person.date_of_brith", "unknown_column") in got
    assert ("people.csv column care.weekly_cost", "missing_column") in got
    assert "did you mean 'person.date_of_birth'" in str(err.value)


def test_duplicate_csv_columns_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,id\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate column"):
        read_population(tmp_path / "people.csv")
    with pytest.raises(InputError, match="no such file"):
        read_population(tmp_path / "nope.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no people file"):
        read_population(tmp_path / "empty")


# --------------------------------------------------------------------------- typed columns (Arrow, pandas, polars)


def _base_arrow(**extra: pa.Array) -> pa.Table:
    cols = {"id": pa.array(["a", "b"]), "person.date_of_birth": pa.array(["1940-01-01", "1941-02-03"]),
            "care.setting": pa.array(["non_residential"] * 2), "care.weekly_cost": pa.array(["1", "2"])}
    cols.update(extra)
    return pa.table(cols)


def test_typed_arrow_columns() -> None:
    from datetime import date

    table = _base_arrow(**{
        "care.weekly_cost": pa.array([Decimal("12.50"), Decimal("0.125")], pa.decimal128(10, 3)),
        "person.date_of_birth": pa.array([date(1940, 1, 1), date(1941, 2, 3)], pa.date32()),
        "dependent_children": pa.array([1, None], pa.int64()),
        "lone_parent": pa.array([True, None]),
        "care.third_party_top_up": pa.array([0, None], pa.int16()),
    })
    result = read_population(table)
    assert result.population.people.id.tolist() == ["a"]
    assert result.population.people.care_weekly_cost.tolist() == [1250]
    assert _only(result, "people", "care.weekly_cost").code == "precision"
    assert case_at(result.population, 0).dependent_children == 1


def test_pandas_timestamps_must_be_dates() -> None:
    frame = _base_arrow().to_pandas()
    frame["person.date_of_birth"] = pd.to_datetime(["1940-01-01 00:00", "1941-02-03 12:00"])
    result = read_population(frame)
    assert result.population.people.id.tolist() == ["a"]
    assert _only(result, "people", "person.date_of_birth").code == "date"
    frame["person.date_of_birth"] = pd.to_datetime(["1940-01-01", "1941-02-03"]).tz_localize("Europe/London")
    with pytest.raises(InputError, match="time zone"):
        read_population(frame)


def test_pandas_object_columns_of_decimals_and_nullable_integers() -> None:
    frame = _base_arrow().to_pandas()
    frame["care.weekly_cost"] = [Decimal("10.10"), Decimal(20)]
    frame["dependent_children"] = pd.array([2, None], dtype="Int64")
    pop = read_population(frame).population
    assert pop.people.care_weekly_cost.tolist() == [1010, 2000]
    assert pop.people.dependent_children.tolist() == [2, 0]
    frame["care.weekly_cost"] = [Decimal("10.10"), "x"]
    with pytest.raises(InputError, match="cannot be read"):
        read_population(frame)


def test_polars_decimals_dates_and_strings() -> None:
    from datetime import date

    frame = pl.DataFrame({
        "id": ["a", "b"],
        "person.date_of_birth": [date(1940, 1, 1), date(1950, 6, 1)],
        "care.setting": ["non_residential", "respite"],
        "care.weekly_cost": pl.Series([Decimal("10.10"), Decimal("99.99")], dtype=pl.Decimal(12, 2)),
    })
    pop = read_population(frame).population
    assert pop.people.care_weekly_cost.tolist() == [1010, 9999]
    assert [case_at(pop, i).care.setting for i in range(2)] == ["non_residential", "respite"]


def test_something_that_is_not_a_table() -> None:
    with pytest.raises(InputError, match="cannot read a dict"):
        read_population({"id": ["a"]})


# --------------------------------------------------------------------------- the reader accepts what the case model accepts


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(malformed_batches(size=20))
def test_the_reader_accepts_exactly_what_the_case_model_accepts(batch: list[Any]) -> None:
    """Each broken case as table cells (text, as in a CSV) and as the JSON document the batch CSV
    reader would build from the same cells: the columnar reader rejects the person exactly when the
    case model (with the catalogue checks of an assessment) rejects the case, and reads the same case
    when it accepts it."""
    pairs = []
    for k, m in enumerate(batch):
        if m.mutation in ("unknown_field", "wrong_container", "not_a_case", "bad_schema"):
            continue  # no table form: an unknown column or a nested value is an error of the whole file
        try:
            rows_of([("x", m.case)])
            doc = textual(m.case)
        except NotTabular:
            continue
        pairs.append((f"p{k}", m.case, doc))
    assume(pairs)
    tables = arrow_tables(rows_of([(ident, case) for ident, case, _ in pairs]))
    result = read_population(tables.pop("people"), **tables, rejects=None)
    rejected = set(result.rejected_people)
    by_id = {str(i): n for n, i in enumerate(result.population.people.id.tolist())}
    for ident, _case, doc in pairs:
        doc.pop("schema", None)
        try:
            model = ChargingCase.model_validate(doc)
            to_columns([model])
            accepted = True
        except (ValueError, InputError):
            accepted = False
        assert (ident not in rejected) == accepted, (ident, doc, [r for r in result.rejected if r.person_id == ident])
        if accepted:
            got = case_at(result.population, by_id[ident])
            assert got.model_dump(mode="json") == model.model_dump(mode="json"), (got, model)


# --------------------------------------------------------------------------- results


def test_results_are_exact_decimals(tmp_path: Path) -> None:
    pence = np.array([0, 1, 123456789012345, -250, 2**53 + 1], dtype=np.int64)
    table = results_table(["a", "b", "c", "d", "e"], {"weekly_charge": pence, "self_funder": np.array([0, 1, 1, 0, 1], bool)},
                          money=["weekly_charge"])
    assert table.column("weekly_charge").type == pa.decimal128(18, 2)
    assert table.column("weekly_charge").to_pylist() == [Decimal("0.00"), Decimal("0.01"), Decimal("1234567890123.45"),
                                                         Decimal("-2.50"), Decimal("90071992547409.93")]
    for suffix in (".parquet", ".arrow", ".csv"):
        path = write_results(table, tmp_path / f"r{suffix}")
        assert path.stat().st_size > 0
    assert pq.read_table(tmp_path / "r.parquet").equals(table)
    assert (tmp_path / "r.csv").read_text().splitlines()[3].startswith('"c",1234567890123.45')
    with pytest.raises(InputError, match="int64 pence"):
        results_table(["a"], {"x": np.array([1.5])}, money=["x"])


@pytest.mark.parametrize("suffix", [".parquet", ".arrow"])
def test_rejected_rows_of_a_columnar_file_keep_their_cells(tmp_path: Path, suffix: str) -> None:
    """Columnar files are read one column at a time; the cells of a rejected row are read back for the side file."""
    table = _base_arrow(**{"care.weekly_cost": pa.array(["10.00", "1.001"])})
    path = tmp_path / f"people{suffix}"
    if suffix == ".parquet":
        pq.write_table(table, path)
    else:
        from pyarrow import feather

        feather.write_feather(table, path)
    result = read_population(path)
    hit = _only(result, "people", "care.weekly_cost")
    assert hit.values == {"id": "b", "person.date_of_birth": "1941-02-03", "care.setting": "non_residential",
                          "care.weekly_cost": "1.001"}
    assert result.rejects_path == tmp_path / "people.rejected.csv"
