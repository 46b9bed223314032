"""The journey's text: the catalogue is complete, every message has its Welsh, and the placeholders agree."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from careact.selfassess.i18n import DOMAIN, LOCALE_DIR, extract, translator

PO = LOCALE_DIR / "cy" / "LC_MESSAGES" / f"{DOMAIN}.po"
POT = LOCALE_DIR / f"{DOMAIN}.pot"


def _read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def test_the_template_is_up_to_date() -> None:
    """Regenerate with: python -m careact.selfassess.i18n extract cy"""
    committed = {m.id for m in _read(POT) if m.id}
    current = {m.id for m in extract() if m.id}
    assert current == committed


def test_every_message_has_welsh() -> None:
    cy = {m.id: m for m in _read(PO) if m.id}
    current = {m.id for m in extract() if m.id}
    assert current - set(cy) == set(), "new messages without Welsh"
    assert [m for m in cy.values() if not m.string] == []


def test_placeholders_agree() -> None:
    for m in _read(PO):
        if m.id:
            assert sorted(re.findall(r"\{(\w+)\}", m.id)) == sorted(re.findall(r"\{(\w+)\}", m.string)), m.id


def test_fuzzy_entries_are_not_shown() -> None:
    fuzzy = [m for m in _read(PO) if m.id and m.fuzzy]
    assert fuzzy, "the entries awaiting review are marked"
    t = translator("cy")
    for m in fuzzy:
        assert t(m.id) == m.id  # the English shows until a translator confirms the Welsh
    confirmed = next(m for m in _read(PO) if m.id == "Start now")
    assert not confirmed.fuzzy and t("Start now") == "Dechrau nawr"


def test_money_and_dates_in_welsh() -> None:
    t = translator("cy")
    assert t.money("1234.5") == "£1,234.50"
    assert t.date("2025-06-01") == "1 Mehefin 2025"
    assert translator("en").date("2025-06-01") == "1 June 2025"
