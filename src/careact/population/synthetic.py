"""A seeded synthetic population, drawn straight into columns.

The distributions are those of ``careact/rules/data/reform/synthetic_population.toml``, each with its
source and how far it was checked. Each person is an adult at the start of a spell of long-term care;
their charging case is the one the reform engine builds for a spell in its first week
(:func:`careact.reform.engine.charging_case`): care in a care home (``permanent_residential``, admitted
on the first day of the spell) or at home (``non_residential``), costing the council's weekly rate;
weekly income as one ``state_pension`` item; savings as one ``savings_account`` item; the home, with
an incapacitated relative living there when it is disregarded. The spell itself (start, length, the
fee a self-funder pays, tenure) is in :attr:`Population.spells`.

Reproducible
------------
Person ``i`` of seed ``s`` is always the same person, whatever ``n`` and ``offset`` and however a run is
split. People are drawn in blocks of :data:`BLOCK`; block ``b`` has its own
``numpy.random.Generator(PCG64(SeedSequence(s, spawn_key=(b,))))`` and gives each of its people
:data:`WORDS` raw 64-bit words, one per draw, so a draw never depends on another person's. The words
become numbers through :mod:`careact.population.detmath` (integer arithmetic, and floating point
limited to correctly rounded IEEE operations), so the people are the same bits on every platform
and NumPy version.

Exact money
-----------
No float becomes money by itself. A log-normal amount is drawn as a float, then rounded *once*, half
up, to whole pounds or pence by :func:`careact.population.detmath.round_half_up` (``floor`` and a
comparison, both exact), and every later step is integer arithmetic:

=====================  =========================================================================
amount                 how it is made
=====================  =========================================================================
home value             the drawn value to the nearest £1,000; a mortgaged home's equity is that
                       times ``mortgage_equity_share``, to the nearest pound
capital                the drawn amount to the nearest pound
weekly income          the drawn amount times 100 (one IEEE multiplication), to the nearest penny
care-home rate (LA)    the drawn amount to the nearest pound
care-home fee          the LA rate times (1 + ``self_funder_premium``), to the nearest penny
home-care hours        the drawn hours to the nearest half hour (at least one half hour)
home-care rates        the hours times ``la_hourly`` / ``self_funder_hourly``, to the nearest penny
spell length           the drawn weeks rounded up to a whole week (at least one)
=====================  =========================================================================
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError
from ..reform.population import SYNTHETIC_FILE, synthetic_distributions
from . import detmath as dm
from .codes import (
    DELIVERY,
    FREQUENCY,
    RELATIONSHIP,
    SETTING,
    TENURE,
    capital_type_codes,
    code_tables,
    income_type_codes,
)
from .columns import (
    ITEM_CLASSES,
    WEIGHT_SCALE,
    Masked,
    PeopleTable,
    Population,
    SpellTable,
    empty_column,
    empty_items,
    offsets_of,
)
from .tables import OBJECTS, people_spec, table_spec

__all__ = ["BLOCK", "SYNTHETIC_FILE", "WORDS", "synthetic_columns", "synthetic_distributions"]

BLOCK = 1 << 14
"""People per seeded block."""
WORDS = 16
"""Raw words drawn per person (one per draw, the rest reserved so later draws keep earlier people)."""
_CHUNK_BLOCKS = 16  # blocks transformed at once, to bound memory

# which word of a person's draws each variate takes
_W_YOUNG, _W_BAND, _W_AGE, _W_START, _W_DOB, _W_SETTING, _W_TENURE, _W_HOME = range(8)
_W_DISREGARD, _W_CAPITAL, _W_INCOME, _W_COST, _W_MIXTURE, _W_WEEKS = range(8, 14)


def _words(seed: int, first: int, n: int) -> NDArray[np.uint64]:
    """Raw words of people ``first`` .. ``first + n - 1``: shape (n, WORDS)."""
    out = np.empty((n, WORDS), dtype=np.uint64)
    b0, b1 = first // BLOCK, (first + n - 1) // BLOCK
    filled = 0
    for b in range(b0, b1 + 1):
        gen = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(b,))))
        block = np.asarray(gen.bit_generator.random_raw(BLOCK * WORDS), dtype=np.uint64).reshape(BLOCK, WORDS)
        lo = max(first, b * BLOCK) - b * BLOCK
        hi = min(first + n, (b + 1) * BLOCK) - b * BLOCK
        out[filled : filled + hi - lo] = block[lo:hi]
        filled += hi - lo
    return out


def _minus_years(day: NDArray[np.datetime64], years: NDArray[np.int64]) -> NDArray[np.datetime64]:
    """``day`` less whole ``years``; 29 February becomes 28 February in a common year (as dateutil does)."""
    y = day.astype("datetime64[Y]")
    m = day.astype("datetime64[M]")
    year = y.astype(np.int64) + 1970 - years
    month = (m - y.astype("datetime64[M]")).astype(np.int64)  # 0-based
    dom = (day - m.astype("datetime64[D]")).astype(np.int64)  # 0-based
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    dom = np.where((month == 1) & (dom == 28) & ~leap, 27, dom)
    months = (year - 1970) * 12 + month
    out: NDArray[np.datetime64] = months.astype("datetime64[M]").astype("datetime64[D]") + dom
    return out


def _pence_per(rate: str) -> Fraction:
    return Fraction(rate) * 100


def _draw(seed: int, first: int, n: int, d: dict[str, Any]) -> dict[str, Any]:
    """One chunk of people as plain arrays (integer pence, days, codes)."""
    w = _words(seed, first, n)

    def col(k: int) -> NDArray[np.uint64]:
        return w[:, k]

    young = dm.below(col(_W_YOUNG), d["age_group"]["share_18_64"])

    # age: a band by its share, then a whole age uniform within it (separately for the two groups)
    age = np.zeros(n, np.int64)
    for group, mask in (("age_18_64", young), ("age_65_plus", ~young)):
        bands = d[group]["bands"]
        band = dm.pick(col(_W_BAND), [b[2] for b in bands])
        for k, (lo, hi, _share) in enumerate(bands):
            sel = mask & (band == k)
            age[sel] = dm.bounded(col(_W_AGE)[sel], int(lo), int(hi))
    meta = d["meta"]
    first_day: date = meta["care_start_from"]  # a TOML date
    start0 = np.datetime64(first_day, "D")
    start = start0 + dm.bounded(col(_W_START), 0, int(meta["care_start_days"])).astype("timedelta64[D]")
    dob = _minus_years(start, age) - dm.bounded(col(_W_DOB), 0, 364).astype("timedelta64[D]")

    setting = d["setting"]
    care_home = np.where(young, dm.below(col(_W_SETTING), setting["care_home_share_18_64"]), dm.below(col(_W_SETTING), setting["care_home_share_65_plus"]))

    tenure = np.zeros(n, np.int64)
    for group, mask in (("tenure_18_64", young), ("tenure_65_plus", ~young)):
        shares: dict[str, str] = d[group]["shares"]
        names = list(shares)
        drawn = dm.pick(col(_W_TENURE), [shares[k] for k in names])
        codes = np.array([TENURE.code(k) for k in names], dtype=np.int64)
        tenure[mask] = codes[drawn[mask]]
    owner = (tenure == TENURE.code("owner_outright")) | (tenure == TENURE.code("owner_mortgage"))

    hv = d["home_value"]
    home_pounds = dm.round_half_up(dm.lognormal(col(_W_HOME), hv["median"], hv["sigma"]) / 1000.0) * 1000
    mortgaged = tenure == TENURE.code("owner_mortgage")
    home_pounds = np.where(mortgaged, dm.scale_half_up(home_pounds, Fraction(hv["mortgage_equity_share"])), home_pounds)
    home_pence = np.where(owner, home_pounds * 100, 0)
    disregarded = care_home & (home_pence > 0) & dm.below(col(_W_DISREGARD), d["home_disregarded"]["share_care_home"])

    def by_group(key_young: str, key_old: str, word: int) -> NDArray[np.float64]:
        a, b = d[key_young], d[key_old]
        mu = np.where(young, dm.log_of(a["median"]), dm.log_of(b["median"]))
        sigma = np.where(young, float(a["sigma"]), float(b["sigma"]))
        return dm.lognormal(col(word), mu, sigma)

    capital_pence = dm.round_half_up(by_group("capital_18_64", "capital_65_plus", _W_CAPITAL)) * 100
    income_pence = dm.round_half_up(by_group("income_18_64", "income_65_plus", _W_INCOME) * 100.0)

    ch, hc = d["care_home_rate"], d["home_care"]
    cost = dm.lognormal(
        col(_W_COST),
        np.where(care_home, dm.log_of(ch["la_median"]), dm.log_of(hc["hours_median"])),
        np.where(care_home, float(ch["la_sigma"]), float(hc["hours_sigma"])),
    )
    la_home = dm.round_half_up(cost) * 100
    fee_home = dm.scale_half_up(la_home, 1 + Fraction(ch["self_funder_premium"]))
    halves = np.maximum(1, dm.round_half_up(cost * 2.0))
    la_comm = dm.scale_half_up(halves, _pence_per(hc["la_hourly"]) / 2)
    fee_comm = dm.scale_half_up(halves, _pence_per(hc["self_funder_hourly"]) / 2)
    la = np.where(care_home, la_home, la_comm)
    fee = np.where(care_home, fee_home, fee_comm)

    # spell length: care homes a two-part mixture (short and long stays), care at home one log-normal
    dur, comm = d["duration_care_home"], d["duration_community"]
    short = dm.below(col(_W_MIXTURE), dur["short_share"])
    mu = np.where(
        care_home,
        np.where(short, dm.log_of(dur["short_median_weeks"]), dm.log_of(dur["long_median_weeks"])),
        dm.log_of(comm["median_weeks"]),
    )
    sigma = np.where(care_home, np.where(short, float(dur["short_sigma"]), float(dur["long_sigma"])), float(comm["sigma"]))
    weeks = np.maximum(1, np.ceil(dm.lognormal(col(_W_WEEKS), mu, sigma))).astype(np.int64)

    return {
        "dob": dob, "start": start, "care_home": care_home, "tenure": tenure, "home": home_pence,
        "disregarded": disregarded, "capital": capital_pence, "income": income_pence, "la": la, "fee": fee,
        "weeks": weeks,
    }


def synthetic_columns(n: int, *, seed: int = 1, offset: int = 0) -> Population:
    """People ``offset`` .. ``offset + n - 1`` of ``seed``, as a :class:`~careact.population.columns.Population`
    with :attr:`~careact.population.columns.Population.spells` (ids ``S<seed>-<index, 7 digits>``)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError.single("synthetic", "the number of people must be a whole number, at least 1", "range")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError.single("seed", "the seed must be a whole number, 0 or more", "range")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InputError.single("offset", "the offset must be a whole number, 0 or more", "range")
    d = synthetic_distributions()
    step = BLOCK * _CHUNK_BLOCKS
    parts = [_draw(seed, first, min(step, offset + n - first), d) for first in range(offset, offset + n, step)]
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    return _population(seed, offset, n, cols)


def _population(seed: int, offset: int, n: int, c: dict[str, Any]) -> Population:
    ids = np.empty(n, dtype=object)
    ids[:] = [f"S{seed}-{i:07d}" for i in range(offset, offset + n)]
    spec = people_spec()
    people: dict[str, Any] = {}
    for f in spec:
        if f.group == "spell":
            continue
        people[f.attr] = empty_column(f.kind, f.masked, n, f.codes.dtype if f.codes else None)
    for flag in OBJECTS.values():
        people[flag] = np.zeros(n, np.bool_)
    care_home = c["care_home"]
    people["person_date_of_birth"] = c["dob"]
    people["care_setting"] = np.where(care_home, SETTING.code("permanent_residential"), SETTING.code("non_residential")).astype(SETTING.dtype)
    people["care_weekly_cost"] = c["la"]
    people["care_start_date"] = Masked(np.where(care_home, c["start"], np.datetime64("NaT")).astype("datetime64[D]"), care_home.copy())
    people["reference"] = Masked(ids.copy(), np.ones(n, np.bool_))  # the engine echoes the spell's id
    people["care_delivery"][:] = DELIVERY.code("council_arranged")
    has_home = c["home"] > 0
    people["has_home"] = has_home
    people["home_value"] = c["home"]
    people["home_intends_to_return"] = has_home.copy()  # the model's default, where there is a home
    people["home_still_available"] = has_home.copy()  # likewise
    # the fields of the objects no synthetic case has (partner, housing costs) keep the fill
    table = PeopleTable(id=ids, **people)

    rows = np.arange(n, dtype=np.int64)
    items: dict[str, Any] = {name: empty_items(name, n) for name in ITEM_CLASSES}
    weekly = FREQUENCY.code("weekly")

    def one_item(name: str, mask: NDArray[np.bool_], **values: Any) -> Any:
        person = rows[mask]
        m = len(person)
        spec_t = table_spec(name)
        cols: dict[str, Any] = {}
        for f in spec_t:
            cols[f.attr] = empty_column(f.kind, f.masked, m, f.codes.dtype if f.codes else None)
        cols.update(values)
        return ITEM_CLASSES[name](person=person, offsets=offsets_of(person, n), **cols)

    has_income = c["income"] > 0
    k = int(has_income.sum())
    items["income"] = one_item(
        "income", has_income,
        type=np.full(k, income_type_codes().code("state_pension"), income_type_codes().dtype),
        amount=c["income"][has_income],
        frequency=np.full(k, weekly, FREQUENCY.dtype),
        owner=np.zeros(k, np.int8),
    )
    has_capital = c["capital"] > 0
    k = int(has_capital.sum())
    items["capital"] = one_item(
        "capital", has_capital,
        type=np.full(k, capital_type_codes().code("savings_account"), capital_type_codes().dtype),
        value=c["capital"][has_capital],
        owner=np.zeros(k, np.int8),
    )
    dis = c["disregarded"]
    k = int(dis.sum())
    items["occupants"] = one_item(
        "occupants", dis,
        relationship=np.full(k, RELATIONSHIP.code("relative"), RELATIONSHIP.dtype),
        incapacitated=np.ones(k, np.bool_),
        lived_there_since_before_admission=np.ones(k, np.bool_),
    )
    spells = SpellTable(
        care_start=c["start"].astype("datetime64[D]"),
        weeks=Masked(c["weeks"].astype(np.int32), np.ones(n, np.bool_)),
        weekly_fee=Masked(c["fee"].astype(np.int64), np.ones(n, np.bool_)),
        tenure=c["tenure"].astype(TENURE.dtype),
        weight=np.full(n, WEIGHT_SCALE, np.int64),
    )
    return Population(people=table, spells=spells, codes=code_tables(), **items)
