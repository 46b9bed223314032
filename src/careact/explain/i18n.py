"""Translation of explanation text, with gettext catalogues handled by babel.

Statement templates are marked with :func:`careact.explain.N_` and extracted into
``careact/locale/careact.pot`` (``python -m careact.explain.i18n extract``). A council that wants the
explanation in another language adds ``careact/locale/<locale>/LC_MESSAGES/careact.po`` (or passes
its own directory); catalogues are compiled in memory when first used and cached.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["LOCALE_DIR", "extract_catalogue", "gettext_for"]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "careact"


@lru_cache(maxsize=16)
def _translations(locale: str, directory: str) -> Any:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    po = Path(directory) / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def gettext_for(locale: str = "en_GB", directory: str | Path | None = None) -> Callable[[str], str]:
    """A ``gettext`` function for ``locale`` (identity where no catalogue exists, e.g. en_GB)."""
    gettext: Callable[[str], str] = _translations(locale, str(directory or LOCALE_DIR)).gettext
    return gettext


def extract_catalogue(source_dir: Path | None = None) -> Any:
    """Extract every ``N_("...")`` template under the package into a babel Catalog."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    source_dir = source_dir or Path(__file__).resolve().parent.parent
    catalog = Catalog(project="careact", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(source_dir),
        method_map=[("**.py", "python")],
        keywords={"N_": None},
        comment_tags=("TRANSLATORS:",),
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    # data-driven text (questionnaires) is translatable too
    from ..eligibility.questionnaire import messages as questionnaire_messages

    for message in questionnaire_messages():
        catalog.add(message, None, [("rules/data/eligibility/questionnaire.toml", 0)])
    return catalog


def _write_pot(path: Path) -> None:
    from babel.messages.pofile import write_po

    catalog = extract_catalogue()
    with path.open("wb") as fh:
        write_po(fh, catalog, omit_header=True, sort_output=True, no_location=True)


if __name__ == "__main__":  # python -m careact.explain.i18n extract
    if sys.argv[1:] == ["extract"]:
        LOCALE_DIR.mkdir(exist_ok=True)
        _write_pot(LOCALE_DIR / f"{DOMAIN}.pot")
        print(f"wrote {LOCALE_DIR / (DOMAIN + '.pot')}")
    else:
        print("usage: python -m careact.explain.i18n extract", file=sys.stderr)
        sys.exit(2)
