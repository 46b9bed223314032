"""Rule sets are loaded and validated once per process, then served from the cache.

Bundled data is read once; a rule set or overlay given by path is re-read when its file changes; the
same combination of a rule set and overlays gives back the same RuleSet object, so its per-date
resolution cache is shared by every assessment.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

from careact.rules import bundled_overlays, load_overlay, load_ruleset, loader
from careact.rules.catalogue import with_overlays


def test_bundled_rule_set_is_parsed_once(monkeypatch):
    first = load_ruleset("england")
    calls = []
    real = loader.parse_layer_files
    monkeypatch.setattr(loader, "parse_layer_files", lambda p: calls.append(p) or real(p))
    for _ in range(50):
        assert load_ruleset("england") is first
    assert calls == []


def test_same_overlays_give_the_same_rule_set_object():
    names = bundled_overlays()
    assert names, "no bundled overlays"
    a = load_ruleset("england", [names[0]])
    b = load_ruleset("england", [names[0]])
    assert a is b
    assert a.at(date(2025, 6, 1)) is b.at(date(2025, 6, 1))
    # a different combination is a different rule set, and the base is untouched
    assert load_ruleset("england") is not a
    assert load_ruleset("england").overlays == ()


def test_layer_objects_compose_by_content(make_overlay):
    base = load_ruleset("england")
    path = make_overlay(
        """
        [[parameter]]
        name = "options.minimum_charge"
        description = "test"
        unit = "GBP/week"
        [[parameter.values]]
        from = 2015-04-01
        value = 1.00
        cite = "Test Council charging policy 2025, para 1"
        status = "verified"
        """,
        base="england",
    )
    layer = load_overlay(path)
    assert with_overlays(base, [layer]) is with_overlays(base, [load_overlay(path)])
    assert with_overlays(base, []) is base
    assert with_overlays(base, [layer]).digest == base.with_overlay(layer).digest


def test_overlay_file_given_by_path_is_reread_when_it_changes(make_overlay):
    body = """
        [[parameter]]
        name = "options.minimum_charge"
        description = "test"
        unit = "GBP/week"
        [[parameter.values]]
        from = 2015-04-01
        value = {v}
        cite = "Test Council charging policy 2025, para 1"
        status = "verified"
        """
    path = make_overlay(body.format(v="1.00"), base="england")
    on = date(2025, 6, 1)
    before = load_ruleset("england", [path])
    assert before.at(on)["options.minimum_charge"].value == Decimal("1.00")
    assert load_ruleset("england", [path]) is before
    path.write_text(path.read_text().replace("value = 1.00", "value = 2.00"))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    after = load_ruleset("england", [path])
    assert after.at(on)["options.minimum_charge"].value == Decimal("2.00")
    assert after.digest != before.digest


def test_digest_is_stable_and_cached():
    rules = load_ruleset("england", [bundled_overlays()[0]])
    assert rules.digest == rules.digest
    assert rules.digest.startswith("sha256:")
    assert rules.identity()["digest"] == rules.digest
