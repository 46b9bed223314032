"""The self-assessment's own text, in English and Welsh, through a gettext catalogue handled by babel.

Messages in Python are marked with :func:`M_` and those in templates with ``_()``; both are extracted
into ``careact/locale/selfassess.pot`` (``python -m careact.selfassess.i18n extract``). A translation
lives in ``careact/locale/<locale>/LC_MESSAGES/selfassess.po``: Welsh (``cy``) is bundled, and another
language is added by adding its catalogue. Entries marked fuzzy await review and are not used: the
English text is shown until a translator confirms them.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["DOMAIN", "LOCALES", "LOCALE_DIR", "M_", "Translator", "extract", "translator"]

DOMAIN = "selfassess"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCALES = {"en": "en_GB", "cy": "cy_GB"}


def M_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where it is shown."""
    return message


class Translator:
    """gettext for one language, with the babel locale used to format money and dates."""

    def __init__(self, lang: str, gettext: Callable[[str], str]) -> None:
        self.lang = lang
        self.locale = LOCALES[lang]
        self._gettext = gettext

    def __call__(self, message: str, **values: Any) -> str:
        text = self._gettext(message) if message else message
        return text.format(**values) if values else text

    def money(self, amount: Any) -> str:
        from decimal import Decimal

        from babel.numbers import format_currency

        return str(format_currency(Decimal(str(amount)), "GBP", locale=self.locale))

    def date(self, value: Any) -> str:
        from datetime import date

        from babel.dates import format_date

        d = value if isinstance(value, date) else date.fromisoformat(str(value))
        return str(format_date(d, format="long", locale=self.locale))


@lru_cache(maxsize=8)
def _gettext(lang: str, directory: str) -> Callable[[str], str]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    po = Path(directory) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.exists():
        return NullTranslations().gettext
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN).gettext


def translator(lang: str, directory: str | Path | None = None) -> Translator:
    """The translator for ``en`` or ``cy`` (catalogues read once per process)."""
    if lang not in LOCALES:
        raise ValueError(f"unsupported language {lang!r} (supported: {', '.join(LOCALES)})")
    return Translator(lang, _gettext(lang, str(directory or LOCALE_DIR)))


def extract() -> Any:
    """Every message of the self-assessment (Python ``M_()`` and template ``_()``) as a babel Catalog."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="careact-selfassess", domain=DOMAIN, charset="utf-8")
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    options_map = {"templates/**.html": {"extensions": ""}}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE_DIR), method_map=method_map, options_map=options_map,
        keywords={"M_": None, "_": None}, comment_tags=("TRANSLATORS:",),
    ):
        if "/migrations/" in f"/{filename}":
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    from .adapter import FIGURES_SENTENCES

    for sentence in FIGURES_SENTENCES.values():
        catalog.add(sentence, None, [("adapter.py", 0)])
    return catalog


def write_pot(path: Path | None = None) -> Path:
    from babel.messages.pofile import write_po

    path = path or LOCALE_DIR / f"{DOMAIN}.pot"
    with path.open("wb") as fh:
        write_po(fh, extract(), omit_header=True, sort_output=True, no_location=True, width=100)
    return path


def update_po(lang: str) -> Path:
    """Merge new messages into a language's catalogue (existing translations kept; new ones empty)."""
    from babel.messages.pofile import read_po, write_po

    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    template = extract()
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
    else:
        from babel.messages.catalog import Catalog

        catalog = Catalog(locale=lang, domain=DOMAIN, project="careact-selfassess", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fh:
        write_po(fh, catalog, sort_output=True, no_location=True, width=100, ignore_obsolete=True)
    return po


if __name__ == "__main__":  # python -m careact.selfassess.i18n extract [LANG...]
    if sys.argv[1:2] == ["extract"]:
        print(f"wrote {write_pot()}")
        for lang in sys.argv[2:]:
            print(f"updated {update_po(lang)}")
    else:
        print("usage: python -m careact.selfassess.i18n extract [LANG...]", file=sys.stderr)
        sys.exit(2)
