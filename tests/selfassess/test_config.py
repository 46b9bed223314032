"""The council configuration file: every mistake is named by its key; colours must be readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from careact.selfassess.config import (
    ENV_DATABASE_URL,
    ENV_SECRET_KEY,
    EXAMPLE_CONFIG,
    ConfigError,
    contrast_ratio,
    load_config,
)

from .conftest import write_config


def test_the_example_configuration_loads(tmp_path: Path) -> None:
    path = tmp_path / "council.toml"
    path.write_text(EXAMPLE_CONFIG, encoding="utf-8")
    config = load_config(path)
    assert config.council.name == "Example Borough Council"
    assert config.council.display_name("cy") == "Cyngor Bwrdeistref Enghraifft"
    assert config.database_url == f"sqlite:///{tmp_path.resolve() / 'selfassess.sqlite3'}"
    assert config.retention.draft_days == 30 and config.limits.resume_attempts == 5


@pytest.mark.parametrize(("body", "message"), [
    ("[council]\n", "council.name: Field required"),
    ('[council]\nname = "X"\ncolor = "#000000"\n', "council.color: is not a setting careact knows"),
    ('[council]\nname = "X"\ncolour = "#ffdd00"\n', "council.colour: white text on #ffdd00 has a contrast ratio of"),
    ('[council]\nname = "X"\nbutton_colour = "green"\n', "is not a colour written #rrggbb"),
    ('[council]\nname = "X"\nemail = "not an address"\n', "council.email"),
    ('[council]\nname = "X"\nlogo = "logo.gif"\n', "council.logo: the logo must be an .svg or .png file"),
    ('[council]\nname = "X"\nlogo = "logo.svg"\n', "council.logo: no file at"),
    ('[council]\nname = "X"\n[retention]\ndraft_days = 0\n', "retention.draft_days"),
    ('[council]\nname = "X"\n[rules]\noverlays = ["mine.toml"]\n', "rules.overlays[0]: no file at"),
    ('[council]\nname = "X"\n[service]\nlanguages = ["fr"]\n', "service.languages.0"),
    ("[council\n", "is not valid TOML"),
])
def test_mistakes_are_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "council.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert message in str(exc.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "none.toml")


def test_contrast_ratio() -> None:
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#1d70b8", "#ffffff"), 2) == 5.17
    assert contrast_ratio("#ffffff", "#ffffff") == 1.0


def test_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(write_config(tmp_path, "sqlite:///file.db"))
    assert config.database_url == "sqlite:///file.db"
    monkeypatch.setenv(ENV_DATABASE_URL, "postgresql+psycopg://u@db/careact")
    assert config.database_url == "postgresql+psycopg://u@db/careact"
    monkeypatch.setenv(ENV_SECRET_KEY, "short")
    with pytest.raises(ConfigError, match="at least 32"):
        config.secret_key()
    monkeypatch.setenv(ENV_SECRET_KEY, "k" * 40)
    assert config.secret_key() == b"k" * 40


def test_the_secret_key_is_made_once_and_private(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, "sqlite://"))
    key = config.secret_key()
    assert len(key) >= 32 and config.secret_key() == key
    path = tmp_path / "selfassess-secret.key"
    assert path.stat().st_mode & 0o777 == 0o600


def test_overlays_from_files_relative_to_the_configuration(tmp_path: Path) -> None:
    from careact.rules.catalogue import DATA_DIR
    from careact.selfassess.adapter import load_council_rules

    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "ours.toml").write_text(
        (DATA_DIR / "overlays" / "council" / "wolverhampton.toml").read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(write_config(tmp_path, "sqlite://").parent / "council.toml")
    path = tmp_path / "council.toml"
    path.write_text(path.read_text().replace('overlays = ["council/reading"]', 'overlays = ["policy/ours.toml"]'))
    config = load_config(path)
    rules = load_council_rules(config.overlay_specs())
    assert rules.overlay_names == ("council.wolverhampton",)
    assert rules.overlay_files == (str(tmp_path / "policy" / "ours.toml"),)


def test_reform_overlays_are_refused(tmp_path: Path) -> None:
    from careact.selfassess.adapter import load_council_rules

    with pytest.raises(ValueError, match="council overlays only"):
        load_council_rules(["reform/free_personal_care"])
