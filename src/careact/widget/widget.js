/* careact ready-reckoner: vanilla JavaScript, no build step, no dependencies.
 *
 * The charging form is drawn from questions.json; the eligibility checker from the API's
 * GET /v1/eligibility/questionnaire/{adult|carer}. Answers are sent to the careact HTTP API
 * (POST /v1/charging/assess, POST /v1/eligibility/check) and the results shown with their workings.
 *
 * API base URL: the data-api attribute of #careact-widget, else ?api=... in the page address, else the
 * server the page came from (careact serve), else http://127.0.0.1:8000 for a page opened from a file.
 * Money is handled as decimal strings throughout; it is never turned into a floating-point number.
 */
(function () {
  "use strict";

  var root = document.getElementById("careact-widget");
  if (!root) { return; }

  function apiBase() {
    var fromAttr = root.getAttribute("data-api");
    var fromQuery = new URLSearchParams(window.location.search).get("api");
    var base = fromAttr || fromQuery || (/^https?:$/.test(window.location.protocol) ? window.location.origin : "http://127.0.0.1:8000");
    return base.replace(/\/+$/, "");
  }
  var API = apiBase();

  // ------------------------------------------------------------------ small helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { node.setAttribute(k, attrs[k] === true ? "" : attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return node;
  }

  /* "1234.5" -> "£1,234.50" without floating point. */
  function gbp(text) {
    var s = String(text).trim();
    var neg = s.charAt(0) === "-";
    if (neg) { s = s.slice(1); }
    var parts = s.split(".");
    var pounds = parts[0].replace(/^0+(?=\d)/, "") || "0";
    var pence = ((parts[1] || "") + "00").slice(0, 2);
    pounds = pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "-" : "") + "£" + pounds + "." + pence;
  }

  function todayParts() {
    var d = new Date();
    return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
  }

  function today() {
    var t = todayParts();
    return t.year + "-" + t.month.padStart(2, "0") + "-" + t.day.padStart(2, "0");
  }

  /* A date question as GOV.UK forms ask it: three fields, day, month and year, in that order, whatever the
     browser's own date picker would show. The answer is the ISO date the API takes, or "" when left empty. */
  function dateInput(q) {
    var id = "q-" + q.id;
    var fs = el("fieldset", { "class": "cw-field cw-date", id: id, "data-question": q.id, role: "group",
                              "aria-describedby": [q.help ? helpId(q) : null, id + "-hint", errId(q)].filter(Boolean).join(" ") }, [
      el("legend", { "class": "cw-label", text: q.label })
    ]);
    if (q.help) { fs.appendChild(el("span", { "class": "cw-help", id: helpId(q), text: q.help })); }
    fs.appendChild(el("span", { "class": "cw-help", id: id + "-hint", text: "For example, 27 3 1950" }));
    fs.appendChild(el("span", { "class": "cw-error", id: errId(q), hidden: true }));
    var start = q["default"] === "today" ? todayParts() : null;
    var row = el("div", { "class": "cw-date-input" });
    [["day", "Day", 2], ["month", "Month", 2], ["year", "Year", 4]].forEach(function (part) {
      var inputId = id + "-" + part[0];
      row.appendChild(el("div", { "class": "cw-date-item" }, [
        el("label", { "for": inputId, text: part[1] }),
        el("input", { type: "text", id: inputId, name: inputId, inputmode: "numeric", pattern: "[0-9]*",
                      maxlength: String(part[2]), "class": "cw-date-" + part[0], autocomplete: "off",
                      value: start ? start[part[0]] : null, required: q.required ? true : null })
      ]));
    });
    fs.appendChild(row);
    return fs;
  }

  function dateValue(id) {
    var get = function (part) { return (document.getElementById("q-" + id + "-" + part).value || "").trim(); };
    var d = get("day"), m = get("month"), y = get("year");
    if (!d && !m && !y) { return ""; }
    return y + "-" + (m.length === 1 ? "0" + m : m) + "-" + (d.length === 1 ? "0" + d : d);
  }

  function request(method, path, body) {
    var opts = { method: method, headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(API + path, opts).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (data) {
        return { status: resp.status, ok: resp.ok, data: data };
      });
    });
  }

  function networkError(region, err) {
    region.replaceChildren(el("p", { "class": "cw-error", text: "The calculator could not reach the careact service (" + API + "): " + err.message }));
  }

  // ------------------------------------------------------------------ tabs (WAI-ARIA tabs pattern)

  var tabs = Array.prototype.slice.call(root.querySelectorAll('[role="tab"]'));
  function selectTab(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    });
    if (focus) { tab.focus(); }
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { selectTab(tab, false); });
    tab.addEventListener("keydown", function (e) {
      var next = null;
      if (e.key === "ArrowRight") { next = tabs[(i + 1) % tabs.length]; }
      else if (e.key === "ArrowLeft") { next = tabs[(i - 1 + tabs.length) % tabs.length]; }
      else if (e.key === "Home") { next = tabs[0]; }
      else if (e.key === "End") { next = tabs[tabs.length - 1]; }
      if (next) { e.preventDefault(); selectTab(next, true); }
    });
  });

  // ------------------------------------------------------------------ the charging form

  var chargeForm = document.getElementById("charge-form");
  var chargeHolder = document.getElementById("charge-questions");
  var chargeErrors = document.getElementById("charge-errors");
  var chargeResult = document.getElementById("charge-result");
  var spec = null;         // questions.json
  var byId = {};           // question id -> question
  var fieldToQuestion = {}; // "person.date_of_birth" or "income[2]" -> question id (for error messages)

  function helpId(q) { return "q-" + q.id + "-help"; }
  function errId(q) { return "q-" + q.id + "-error"; }

  function describedBy(q) {
    return [q.help ? helpId(q) : null, errId(q)].filter(Boolean).join(" ");
  }

  function moneyInput(id, q, labelledBy) {
    return el("span", { "class": "cw-row" }, [
      el("span", { "class": "cw-money-prefix", "aria-hidden": "true", text: "£" }),
      el("input", { type: "text", id: id, name: id, inputmode: "decimal", autocomplete: "off", "class": "cw-money",
                    "aria-describedby": describedBy(q), "aria-labelledby": labelledBy || null,
                    pattern: "[0-9,]*(\\.[0-9]{1,2})?" })
    ]);
  }

  function radios(q, options, selected) {
    var fs = el("fieldset", { "class": "cw-field", id: "q-" + q.id, "data-question": q.id, "aria-describedby": describedBy(q) }, [
      el("legend", { "class": "cw-label", text: q.label })
    ]);
    if (q.help) { fs.appendChild(el("span", { "class": "cw-help", id: helpId(q), text: q.help })); }
    fs.appendChild(el("span", { "class": "cw-error", id: errId(q), hidden: true }));
    options.forEach(function (o, i) {
      var id = "q-" + q.id + "-" + i;
      fs.appendChild(el("div", { "class": "cw-radio" }, [
        el("input", { type: "radio", id: id, name: "q-" + q.id, value: o.value, checked: o.value === selected }),
        el("label", { "for": id, text: o.label })
      ]));
    });
    return fs;
  }

  function questionNode(q) {
    if (q.type === "radio") { return radios(q, q.options, q["default"]); }
    if (q.type === "date") { return dateInput(q); }
    if (q.type === "yesno") {
      return radios(q, [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }], q["default"]);
    }
    var wrap = el("div", { "class": "cw-field", "data-question": q.id });
    var inputId = "q-" + q.id;
    if (q.type === "income") {
      var labelId = inputId + "-label";
      wrap.appendChild(el("span", { "class": "cw-label", id: labelId, text: q.label }));
      if (q.help) { wrap.appendChild(el("span", { "class": "cw-help", id: helpId(q), text: q.help })); }
      wrap.appendChild(el("span", { "class": "cw-error", id: errId(q), hidden: true }));
      var row = el("div", { "class": "cw-row" });
      if (q.income_types) {
        var typeSel = el("select", { id: inputId + "-type", "aria-label": q.label + ": which rate" });
        q.income_types.forEach(function (t) { typeSel.appendChild(el("option", { value: t.value, text: t.label })); });
        row.appendChild(typeSel);
      }
      var amount = moneyInput(inputId + "-amount", q, null);
      amount.querySelector("input").setAttribute("aria-label", q.label + ": amount in pounds");
      row.appendChild(amount);
      var freq = el("select", { id: inputId + "-frequency", "aria-label": q.label + ": how often" });
      spec.frequencies.forEach(function (f) {
        freq.appendChild(el("option", { value: f.value, text: f.label, selected: f.value === q.frequency }));
      });
      row.appendChild(freq);
      wrap.appendChild(row);
      return wrap;
    }
    wrap.appendChild(el("label", { "class": "cw-label", "for": inputId, text: q.label }));
    if (q.help) { wrap.appendChild(el("span", { "class": "cw-help", id: helpId(q), text: q.help })); }
    wrap.appendChild(el("span", { "class": "cw-error", id: errId(q), hidden: true }));
    if (q.type === "money" || q.type === "capital") {
      wrap.appendChild(moneyInput(inputId, q, null));
    } else {
      wrap.appendChild(el("input", { type: "text", id: inputId, name: inputId, "aria-describedby": describedBy(q) }));
    }
    return wrap;
  }

  function choice(q) {
    var picked = chargeForm.querySelector('input[name="q-' + q.id + '"]:checked');
    return picked ? picked.value : null;
  }

  var order = [];           // question ids in the order asked

  /* Which questions apply, and the answers that count: one pass in question order, since a condition only
     refers to questions asked earlier; the answer to a question that does not apply counts as no answer. */
  function conditions() {
    var answers = {};
    var shown = {};
    order.forEach(function (id) {
      var q = byId[id];
      shown[id] = !q.show_if || Object.keys(q.show_if).every(function (k) { return q.show_if[k].indexOf(answers[k]) >= 0; });
      if (q.type === "radio" || q.type === "yesno") { answers[id] = shown[id] ? choice(q) : null; }
    });
    return shown;
  }

  function refreshVisibility() {
    var shown = conditions();
    order.forEach(function (id) {
      var node = chargeHolder.querySelector('[data-question="' + id + '"]');
      if (node) { node.hidden = !shown[id]; }
    });
  }

  function renderCharging(data) {
    spec = data;
    chargeHolder.replaceChildren();
    data.sections.forEach(function (section) {
      var fs = el("fieldset", { "class": "cw-section", id: "section-" + section.id }, [
        el("legend", { text: section.title })
      ]);
      if (section.help) { fs.appendChild(el("p", { "class": "cw-help", text: section.help })); }
      section.questions.forEach(function (q) { byId[q.id] = q; order.push(q.id); fs.appendChild(questionNode(q)); });
      chargeHolder.appendChild(fs);
    });
    chargeForm.addEventListener("change", refreshVisibility);
    refreshVisibility();
  }

  function setPath(obj, path, value) {
    var parts = path.split(".");
    var node = obj;
    for (var i = 0; i < parts.length - 1; i++) {
      if (!node[parts[i]]) { node[parts[i]] = {}; }
      node = node[parts[i]];
    }
    node[parts[parts.length - 1]] = value;
  }

  function money(text) {
    return String(text || "").replace(/[£,\s]/g, "");
  }

  function buildRequest() {
    var shown = conditions();
    var body = { "case": { income: [], capital: [] }, on: today(), explain: true };
    fieldToQuestion = {};
    order.forEach(function (id) {
      var q = byId[id];
      if (!shown[id]) { return; }
      var value;
      if (q.type === "income") {
        var amount = money(document.getElementById("q-" + id + "-amount").value);
        if (!amount) { return; }
        var typeSel = document.getElementById("q-" + id + "-type");
        fieldToQuestion["income[" + body["case"].income.length + "]"] = id;
        body["case"].income.push({
          type: typeSel ? typeSel.value : q.income_type,
          amount: amount,
          frequency: document.getElementById("q-" + id + "-frequency").value,
          owner: q.owner || "person"
        });
        return;
      }
      if (q.type === "capital") {
        var v = money(document.getElementById("q-" + id).value);
        if (!v) { return; }
        fieldToQuestion["capital[" + body["case"].capital.length + "]"] = id;
        body["case"].capital.push({ type: q.capital_type, value: v, owner: q.owner || "person" });
        return;
      }
      if (q.type === "radio" || q.type === "yesno") {
        value = choice(q);
        if (q.path && value !== null) { setPath(body["case"], q.path, q.type === "yesno" ? value === "yes" : value); }
      } else if (q.type === "money") {
        value = money(document.getElementById("q-" + id).value);
        if (q.path && value) { setPath(body["case"], q.path, value); }
      } else {
        value = q.type === "date" ? dateValue(id) : document.getElementById("q-" + id).value;
        if (q.target === "on") { if (value) { body.on = value; } }
        else if (q.path && value) { setPath(body["case"], q.path, value); }
      }
      if (q.path) { fieldToQuestion[q.path] = id; }
      if (q.target) { fieldToQuestion[q.target] = id; }
    });
    return body;
  }

  function clearErrors(form, summary) {
    summary.hidden = true;
    summary.replaceChildren();
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (n) { n.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".cw-error").forEach(function (n) { n.hidden = true; n.textContent = ""; });
  }

  function questionFor(field) {
    var f = field.replace(/^case\./, "");
    if (fieldToQuestion[f]) { return fieldToQuestion[f]; }
    var m = f.match(/^(income|capital)\[\d+\]/);
    if (m && fieldToQuestion[m[0]]) { return fieldToQuestion[m[0]]; }
    var parts = f.split(".");
    while (parts.length > 1) { parts.pop(); if (fieldToQuestion[parts.join(".")]) { return fieldToQuestion[parts.join(".")]; } }
    // a whole object missing ("person"): the first question that fills a field inside it
    var inside = order.filter(function (id) { return byId[id].path && byId[id].path.indexOf(f + ".") === 0; });
    return inside.length ? inside[0] : null;
  }

  function showProblems(problems, summary, lookup) {
    var list = el("ul");
    problems.forEach(function (p) {
      var qid = lookup(p.field);
      var q = qid ? byId[qid] : null;
      var label = q ? q.label : p.field;
      list.appendChild(el("li", { text: label + ": " + p.problem }));
      if (q) {
        var err = document.getElementById(errId(q));
        if (err) { err.hidden = false; err.textContent = p.problem; }
        if (q.type === "date") {
          ["day", "month", "year"].forEach(function (part) {
            document.getElementById("q-" + q.id + "-" + part).setAttribute("aria-invalid", "true");
          });
        } else {
          var input = document.getElementById("q-" + q.id) || document.getElementById("q-" + q.id + "-amount");
          if (input) { input.setAttribute("aria-invalid", "true"); }
        }
      }
    });
    summary.replaceChildren(el("h2", { text: "There is a problem with your answers" }), list);
    summary.hidden = false;
    summary.focus();
  }

  function row(cells, cls) {
    return el("tr", { "class": cls || null }, cells.map(function (c, i) {
      return el(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, "class": c.num ? "cw-num" : null,
                                         "data-amount": c.amount || null, text: c.text });
    }));
  }

  function num(text) { return { text: gbp(text), num: true, amount: text }; }

  function renderResult(r) {
    var out = [];
    var head = el("div", { "class": "cw-headline", id: "charge-summary-headline" }, [
      el("span", { text: "You would pay" }),
      el("span", { "class": "cw-big", id: "result-weekly-charge", "data-amount": r.weekly_charge, text: gbp(r.weekly_charge) + " a week" }),
      el("span", { id: "result-council", "data-amount": r.council_weekly_contribution,
                   text: "The council would pay " + gbp(r.council_weekly_contribution) + " a week towards care costing " + gbp(r.cost_of_care) + " a week." })
    ]);
    out.push(el("h2", { text: "Your estimated weekly charge", tabindex: "-1", id: "result-heading" }));
    out.push(head);
    if (r.full_cost_reason) {
      out.push(el("p", { text: "You would pay the full cost because of " + r.full_cost_reason + "." }));
    }
    var income = el("table", { id: "result-income" }, [el("caption", { text: "Income" }),
      el("thead", {}, [el("tr", {}, ["Income", "Per week", "Counted", "Why"].map(function (h, i) {
        return el("th", { scope: "col", "class": i === 1 || i === 2 ? "cw-num" : null, text: h });
      }))])]);
    var ib = el("tbody");
    r.income.forEach(function (l) {
      ib.appendChild(row([{ text: l.label + (l.owner !== "person" ? " (" + l.owner + ")" : "") }, num(l.weekly), num(l.counted), { text: l.reason }]));
    });
    ib.appendChild(row([{ text: "Tariff income from capital" }, { text: "" }, num(r.tariff_income), { text: "£1 a week for every £250 (or part) of capital above the lower limit" }]));
    ib.appendChild(row([{ text: "Assessed income" }, { text: "" }, num(r.assessed_income), { text: "" }], "cw-total"));
    income.appendChild(ib);
    out.push(income);

    var allow = el("table", { id: "result-allowances" }, [el("caption", { text: "Allowances you keep" })]);
    var ab = el("tbody");
    r.allowances.forEach(function (a) { ab.appendChild(row([{ text: a.label }, num(a.weekly)])); });
    ab.appendChild(row([{ text: "Total allowances" }, num(r.total_allowances)], "cw-total"));
    ab.appendChild(row([{ text: "Income left after allowances" }, num(r.available_income)], "cw-total"));
    ab.appendChild(row([{ text: "Your weekly charge (not more than the cost of care)" }, num(r.weekly_charge)], "cw-total"));
    allow.appendChild(ab);
    out.push(allow);

    if (r.capital.length) {
      var cap = el("table", { id: "result-capital" }, [el("caption", { text: "Savings and property" }),
        el("thead", {}, [el("tr", {}, ["Item", "Value", "Counted", "Why"].map(function (h, i) {
          return el("th", { scope: "col", "class": i === 1 || i === 2 ? "cw-num" : null, text: h });
        }))])]);
      var cb = el("tbody");
      r.capital.forEach(function (c) { cb.appendChild(row([{ text: c.label }, num(c.value), num(c.counted), { text: c.reason }])); });
      cb.appendChild(row([{ text: "Capital counted" }, { text: "" }, num(r.assessed_capital), { text: "" }], "cw-total"));
      cap.appendChild(cb);
      out.push(cap);
    }
    if (r.flags.length) {
      var flags = el("ul", { "class": "cw-flags" });
      r.flags.forEach(function (f) { flags.appendChild(el("li", { text: f.message })); });
      out.push(el("h3", { text: "Things to know" }), flags);
    }
    if (r.figures && r.figures.status !== "verified") {
      out.push(el("p", { "class": "cw-notice", id: "result-figures",
                         "data-status": r.figures.status, text: r.figures.notice }));
    }
    out.push(el("p", { "class": "cw-muted", text: "Worked out for " + r.on + " under " + r.ruleset.id +
      " (careact " + r.careact_version + "). This is an estimate: your council's financial assessment decides what you pay." }));
    var print = el("button", { type: "button", "class": "cw-button cw-secondary cw-noprint", id: "print-summary",
                               text: "Print or save this summary" });
    print.addEventListener("click", function () { window.print(); });
    out.push(print);
    chargeResult.replaceChildren.apply(chargeResult, out);
    chargeResult.setAttribute("data-state", "done");
    document.getElementById("result-heading").focus();
  }

  chargeForm.addEventListener("submit", function (e) {
    e.preventDefault();
    clearErrors(chargeForm, chargeErrors);
    chargeResult.setAttribute("data-state", "working");
    chargeResult.replaceChildren(el("p", { text: "Working it out…" }));
    var body = buildRequest();
    request("POST", "/v1/charging/assess", body).then(function (resp) {
      if (resp.ok) { renderResult(resp.data); return; }
      chargeResult.replaceChildren();
      chargeResult.setAttribute("data-state", "error");
      showProblems(resp.data.problems || [{ field: "", problem: "the service refused the request (" + resp.status + ")" }],
                   chargeErrors, questionFor);
    }).catch(function (err) { chargeResult.setAttribute("data-state", "error"); networkError(chargeResult, err); });
  });

  // ------------------------------------------------------------------ the eligibility checker

  var eligForm = document.getElementById("elig-form");
  var eligHolder = document.getElementById("elig-questions");
  var eligErrors = document.getElementById("elig-errors");
  var eligResult = document.getElementById("elig-result");
  var eligQuestions = [];

  var NICE = { yes: "Yes", no: "No", not_sure: "I am not sure" };

  function eligKind() { return eligForm.querySelector('input[name="elig-kind"]:checked').value; }

  function renderElig(data) {
    eligQuestions = data.questions;
    eligHolder.replaceChildren();
    data.questions.forEach(function (q) {
      var fs = el("fieldset", { "class": "cw-field", "data-elig": q.id, id: "e-" + q.id }, [el("legend", { "class": "cw-label", text: q.prompt })]);
      if (q.help) { fs.appendChild(el("span", { "class": "cw-help", text: q.help })); }
      q.answers.forEach(function (a, i) {
        var id = "e-" + q.id + "-" + i;
        fs.appendChild(el("div", { "class": "cw-radio" }, [
          el("input", { type: q.multiple ? "checkbox" : "radio", id: id, name: "e-" + q.id, value: a.id }),
          el("label", { "for": id, text: a.label === a.id && NICE[a.id] ? NICE[a.id] : a.label })
        ]));
      });
      eligHolder.appendChild(fs);
    });
    eligForm.addEventListener("change", refreshElig);
    refreshElig();
  }

  function eligAnswers() {
    var out = {};
    eligQuestions.forEach(function (q) {
      var picked = Array.prototype.map.call(eligForm.querySelectorAll('input[name="e-' + q.id + '"]:checked'), function (n) { return n.value; });
      if (q.multiple) { if (picked.length) { out[q.id] = picked; } }
      else if (picked.length) { out[q.id] = picked[0]; }
    });
    return out;
  }

  function refreshElig() {
    var answers = eligAnswers();
    eligQuestions.forEach(function (q) {
      var node = document.getElementById("e-" + q.id);
      if (!node || !q.asked_if) { return; }
      node.hidden = !Object.keys(q.asked_if).every(function (k) { return answers[k] === q.asked_if[k]; });
    });
  }

  function loadElig() {
    eligHolder.replaceChildren(el("p", { text: "Loading the questions…" }));
    request("GET", "/v1/eligibility/questionnaire/" + eligKind()).then(function (resp) {
      if (resp.ok) { renderElig(resp.data); } else { networkError(eligHolder, new Error("status " + resp.status)); }
    }).catch(function (err) { networkError(eligHolder, err); });
  }

  eligForm.querySelectorAll('input[name="elig-kind"]').forEach(function (n) { n.addEventListener("change", loadElig); });

  eligForm.addEventListener("submit", function (e) {
    e.preventDefault();
    clearErrors(eligForm, eligErrors);
    var answers = eligAnswers();
    eligQuestions.forEach(function (q) {
      var node = document.getElementById("e-" + q.id);
      if (node && node.hidden) { delete answers[q.id]; }
    });
    eligResult.setAttribute("data-state", "working");
    request("POST", "/v1/eligibility/check", { kind: eligKind(), answers: answers }).then(function (resp) {
      if (!resp.ok) {
        eligResult.setAttribute("data-state", "error");
        showProblems(resp.data.problems || [], eligErrors, function (field) { return null; });
        return;
      }
      var titles = { likely: "Your needs are likely to be eligible", unlikely: "Your needs may not be eligible",
                     needs_full_assessment: "You need a full assessment to find out" };
      eligResult.replaceChildren(
        el("h2", { id: "elig-answer", "data-answer": resp.data.answer, text: titles[resp.data.answer] || resp.data.answer, tabindex: "-1" }),
        el("p", { text: resp.data.text }),
        el("p", { "class": "cw-muted", text: "This checker is not a decision. Only your council can decide whether you are eligible, after an assessment (Care Act 2014 section 13)." })
      );
      eligResult.setAttribute("data-state", "done");
      document.getElementById("elig-answer").focus();
    }).catch(function (err) { eligResult.setAttribute("data-state", "error"); networkError(eligResult, err); });
  });

  // ------------------------------------------------------------------ start

  var base = document.currentScript && document.currentScript.src ? document.currentScript.src.replace(/[^/]*$/, "") : "";
  fetch(base + "questions.json").then(function (r) { return r.json(); }).then(renderCharging)
    .then(function () { root.setAttribute("data-ready", "charging"); })
    .catch(function (err) { networkError(chargeHolder, err); });
  loadElig();
}());
