"""The settings of care a charge is assessed under, as codes shared by one case and a population."""

from __future__ import annotations

__all__ = ["NON_RESIDENTIAL", "PERMANENT", "RESIDENTIAL_SETTINGS", "RESPITE", "SETTING_CODES", "SETTING_NAMES",
           "TEMPORARY", "TEMPORARY_SETTINGS"]

PERMANENT, TEMPORARY, RESPITE, NON_RESIDENTIAL = 0, 1, 2, 3

SETTING_CODES = {
    "permanent_residential": PERMANENT,
    "temporary_residential": TEMPORARY,
    "respite": RESPITE,
    "non_residential": NON_RESIDENTIAL,
}
SETTING_NAMES = {code: name for name, code in SETTING_CODES.items()}
TEMPORARY_SETTINGS = frozenset({TEMPORARY, RESPITE})
RESIDENTIAL_SETTINGS = frozenset({"permanent_residential", "temporary_residential", "respite"})
