"""A public eligibility checker's questions (``rules/data/eligibility/questionnaire.toml``), translatable.

The checker asks one plain-English question per condition and outcome, maps each answer to the
regulation (an option's ``senses`` are reg 2(3) / 3(3) limbs), runs :func:`careact.eligibility.determine`
and reports ``likely`` / ``unlikely`` / ``needs_full_assessment`` — never "eligible": only the local
authority can determine eligibility, after an assessment (Care Act 2014 s.13(1)).

Every prompt, help text and label is a gettext message id. :func:`messages` lists them for the
translation catalogue (``careact/locale/careact.pot``); :func:`questionnaire` returns them translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from ..errors import FieldProblem
from ..explain.i18n import gettext_for
from .catalogue import read_data
from .errors import EligibilityInputError, UnknownOutcome

__all__ = ["answers_to_case", "check", "messages", "questionnaire"]

Kind = Literal["adult", "carer"]
YES_NO = ("yes", "no", "not_sure")
_CONDITIONS = {
    "adult": {"impairment": "needs_arise_from_impairment_or_illness"},
    "carer": {"necessary_care": "needs_arise_from_providing_necessary_care", "health": "health_deteriorating_or_at_risk"},
}


def messages() -> tuple[str, ...]:
    """Every translatable string in the questionnaire, in file order, without duplicates."""
    q = read_data("questionnaire")
    out: list[str] = [o["label"] for o in q["options"]]
    for kind in ("adult", "carer"):
        for key, section in q[kind].items():
            entries = section if key == "outcome" else (section,)
            for e in entries:
                out.extend(e[f] for f in ("prompt", "help") if f in e)
    out.append(q["wellbeing_areas"]["prompt"])
    out.extend(a["label"] for a in q["wellbeing_areas"]["area"])
    out.extend(c["text"] for c in q["checker"].values())
    return tuple(dict.fromkeys(out))


def _options(kind: Kind) -> tuple[Mapping[str, Any], ...]:
    return tuple(o for o in read_data("questionnaire")["options"] if kind == "adult" or not o.get("adult_only"))


def questionnaire(kind: Kind, locale: str = "en_GB") -> dict[str, Any]:
    """The questions for an adult's or a carer's checker, translated for ``locale``."""
    _ = gettext_for(locale)
    q = read_data("questionnaire")[kind]
    yes_no = [{"id": a, "label": a} for a in YES_NO]
    questions: list[dict[str, Any]] = []
    for key in _CONDITIONS[kind]:
        questions.append({"id": key, "prompt": _(q[key]["prompt"]), "help": _(q[key]["help"]), "answers": yes_no})
    outcome_options = [{"id": o["id"], "label": _(o["label"])} for o in _options(kind)]
    for o in q["outcome"]:
        questions.append({"id": o["id"], "prompt": _(o["prompt"]), "help": _(o["help"]), "answers": outcome_options})
    questions.append({"id": "wellbeing", "prompt": _(q["wellbeing"]["prompt"]), "help": _(q["wellbeing"]["help"]), "answers": yes_no})
    areas = read_data("questionnaire")["wellbeing_areas"]
    questions.append(
        {
            "id": "wellbeing_areas",
            "prompt": _(areas["prompt"]),
            "multiple": True,
            "asked_if": {"wellbeing": "yes"},
            "answers": [{"id": a["id"], "label": _(a["label"])} for a in areas["area"]],
        }
    )
    return {"kind": kind, "locale": locale, "questions": questions}


def _yes_no(answers: Mapping[str, str], key: str) -> bool | None:
    value = answers.get(key, "not_sure")
    if value not in YES_NO:
        raise EligibilityInputError(FieldProblem(key, f"must be one of {', '.join(YES_NO)}", "unknown_value"))
    return {"yes": True, "no": False}.get(value)


def answers_to_case(kind: Kind, answers: Mapping[str, Any], on: date | None = None) -> dict[str, Any]:
    """The checker's answers as an eligibility case. Self-reported answers stand in for findings and are
    labelled as such in every reason; unanswered or "not sure" questions stay missing."""
    options = {o["id"]: o for o in _options(kind)}
    outcome_ids = {o["id"] for o in read_data("questionnaire")[kind]["outcome"]}
    known = set(_CONDITIONS[kind]) | outcome_ids | {"wellbeing", "wellbeing_areas"}
    for key in answers:
        if key not in known:
            raise UnknownOutcome.at(key, f"is not a question in the {kind} checker")
    case: dict[str, Any] = {"assessment": kind, "reference": "public checker (self-reported)"}
    if on is not None:
        case["assessed_on"] = on.isoformat()
    for key, field in _CONDITIONS[kind].items():
        case[field] = _yes_no(answers, key)
    if kind == "carer" and case["health_deteriorating_or_at_risk"]:
        case["health_reason"] = "self-reported in a public checker"
    outcomes: dict[str, Any] = {}
    for oid in sorted(outcome_ids & set(answers)):
        choice = answers[oid]
        if choice not in options:
            raise EligibilityInputError(FieldProblem(oid, f"must be one of {', '.join(options)}", "unknown_value"))
        opt = options[choice]
        if opt.get("unknown"):
            continue
        if opt.get("unable") is False:
            outcomes[oid] = {"unable_to_achieve": False}
        else:
            outcomes[oid] = {
                "unable_to_achieve": True,
                "senses": list(opt["senses"]),
                "reason": f"self-reported in a public checker: {opt['label']}",
            }
    case["outcomes"] = outcomes
    wb = _yes_no(answers, "wellbeing")
    if wb is not None:
        areas = list(answers.get("wellbeing_areas", ())) if wb else []
        case["wellbeing_impact"] = {"significant": wb, "areas": areas, "reason": "self-reported in a public checker"}
    return case


def check(kind: Kind, answers: Mapping[str, Any], *, on: date) -> tuple[str, str]:
    """The checker's answer (``likely`` / ``unlikely`` / ``needs_full_assessment``) and its plain-English text on ``on``."""
    from . import determine

    result = determine(answers_to_case(kind, answers, on), on=on, explain=False).result
    return result.public_checker, result.public_checker_text
