/*
 * The calculation editor: zone → part → operation, editable lines, autosave with a version check.
 *
 * The page works without this file (a plain form posts to the server). With it, every change is
 * PUT to the draft API (debounced ~800 ms, and at once when a field loses focus) with the version
 * the page is based on. A 409 means another tab or session saved in between: the local lines are
 * KEPT, autosave stops, and the trainee chooses between loading the newest version and knowingly
 * saving theirs over it. Nothing is overwritten silently. See cases/calculations/README.md.
 *
 * Texts are Dutch msgids translated through Django's JavaScript catalog (`jsi18n/`, domain
 * djangojs), which the page loads before this file; without it the Dutch text is shown.
 */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, count) { return count === 1 ? singular : plural; };
  var interpolate = window.interpolate || function (template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) { return String(values[name]); });
  };

  var root = document.getElementById("calc-editor");
  if (!root || root.dataset.editable !== "true") {
    return; // read-only view: nothing to edit, nothing to save
  }

  var DEBOUNCE_MS = 800;
  var form = document.getElementById("calc-form");
  var statusEl = document.getElementById("calc-status");
  var staleEl = document.getElementById("calc-stale");
  var staleMessageEl = document.getElementById("calc-stale-message");
  var overwriteButton = document.getElementById("calc-overwrite");
  var reloadLink = document.getElementById("calc-reload");
  var tbody = document.getElementById("calc-lines-body");
  var versionInput = document.getElementById("calc-version");
  var zoneInput = document.getElementById("calc-zone");
  var linesJson = document.getElementById("calc-lines-json");
  var partsEl = document.getElementById("calc-parts");
  var partsTitle = document.getElementById("calc-parts-title");
  var addError = document.getElementById("calc-add-error");
  var partSelect = document.getElementById("id_add-part_code");
  var operationSelect = document.getElementById("id_add-operation");
  var paintModeSelect = document.getElementById("id_add-paint_mode");
  var sourceSelect = document.getElementById("id_add-part_source");
  var autosaveHint = document.getElementById("calc-autosave-hint");

  var state = {
    lines: parseJson(linesJson ? linesJson.value : "[]", []),
    version: parseInt(root.dataset.version, 10) || 0,
    zone: root.dataset.zone || "",
    dirty: false,
    saving: false,
    pending: false,
    stale: !staleEl.hidden,
    currentVersion: null,
    timer: null,
    catalogue: null,
  };

  // The operations table (calcengine.schema), handed over by the page as JSON data in the
  // editor's data-table attribute: per operation its label and the fields a trainee edits on
  // its line, and the labels of the paint modes and part sources. This file keeps no list of
  // operations of its own.
  var TABLE = readTable(root.dataset.table);
  var OPERATION_LABELS = labelsOf(TABLE.operations);
  var PAINT_MODE_LABELS = labelsOf(TABLE.paint_modes);
  var PART_SOURCE_LABELS = labelsOf(TABLE.part_sources);
  var OPERATION_FIELDS = {};
  (TABLE.operations || []).forEach(function (operation) {
    OPERATION_FIELDS[operation.code] = operation.fields || {};
  });

  var T = {
    saving: gettext("Opslaan…"),
    unsaved: gettext("Niet opgeslagen wijzigingen"),
    offline: gettext("Geen verbinding: uw wijzigingen zijn nog niet opgeslagen."),
    stale: gettext("Niet opgeslagen: er is een nieuwere versie."),
    noLines: gettext("Nog geen regels. Kies een zone en een onderdeel."),
    noPaint: gettext("geen lakwerk"),
    allParts: gettext("Alle onderdelen"),
    noParts: gettext("Geen onderdelen in deze zone."),
    workGroup: gettext("Werkzaamheden"),
    notRepairable: gettext("niet herstellen"),
  };

  function failed(status) {
    return interpolate(gettext("Opslaan mislukt (HTTP %(status)s)."), { status: status }, true);
  }

  function overwriteLabel(version) {
    return interpolate(gettext("Mijn versie opslaan over versie %(v)s"), { v: version }, true);
  }

  // ---- small helpers ---------------------------------------------------------------------

  function parseJson(text, fallback) {
    try {
      var value = JSON.parse(text);
      return Array.isArray(value) ? value : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function readTable(text) {
    try {
      var value = text ? JSON.parse(text) : null;
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};
    }
  }

  function labelsOf(rows) {
    var labels = {};
    (rows || []).forEach(function (row) {
      labels[row.code] = row.label;
    });
    return labels;
  }

  /* Whether a line of operation `op` has `field` to edit (cases.calculations.lines.editable_fields). */
  function edits(op, field) {
    var fields = Object.prototype.hasOwnProperty.call(OPERATION_FIELDS, op) ? OPERATION_FIELDS[op] : {};
    return fields[field] === true;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(child);
    });
    return node;
  }

  /* "1.234,56" → "1234.56"; "2,5" → "2.5"; otherwise as typed (the engine judges it). */
  function normaliseNumber(text) {
    var value = String(text).replace(/€/g, "").replace(/[\s\u00a0]/g, "");
    if (value.indexOf(",") !== -1) value = value.replace(/\./g, "").replace(",", ".");
    return value;
  }

  /* Dutch formatting on the decimal string itself: no float ever touches an amount. */
  function dutchNumber(text, places) {
    var value = String(text);
    if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
    var negative = value.charAt(0) === "-";
    if (negative) value = value.slice(1);
    var parts = value.split(".");
    var whole = parts[0];
    var fraction = parts[1] || "";
    if (places !== undefined) {
      while (fraction.length < places) fraction += "0";
    }
    var grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (negative ? "-" : "") + grouped + (fraction ? "," + fraction : "");
  }

  function euro(text) {
    if (text === null || text === undefined || text === "") return "";
    return "€\u00a0" + dutchNumber(text, 2);
  }

  function percent(ratio) {
    // "0.43" → "43 %": shift the decimal point two places on the string.
    var match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(ratio));
    if (!match) return String(ratio);
    var fraction = (match[3] || "") + "00";
    var whole = String(parseInt(match[2] + fraction.slice(0, 2), 10));
    var rest = fraction.slice(2).replace(/0+$/, "");
    return match[1] + dutchNumber(whole + (rest ? "." + rest : "")) + "\u00a0%";
  }

  function setStatus(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "calc-status" + (kind ? " is-" + kind : "");
  }

  function syncHidden() {
    // Keep the plain form in step, so a submit without this script's help posts the same state.
    versionInput.value = String(state.version);
    linesJson.value = JSON.stringify(state.lines);
    zoneInput.value = state.zone;
  }

  function firstMessage(body, fallback) {
    if (body && body.errors && body.errors.length) {
      return body.errors
        .map(function (e) {
          return e.message;
        })
        .join(" ");
    }
    return fallback;
  }

  function request(method, url, payload) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": root.dataset.csrf,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (body) {
          return { status: response.status, ok: response.ok, body: body };
        });
    });
  }

  // ---- lines table -----------------------------------------------------------------------

  function numberInput(index, field, value, label, short) {
    return el("input", {
      className: "calc-num" + (short ? " calc-num--short" : ""),
      name: "line-" + index + "-" + field,
      value: value === undefined || value === null ? "" : String(value),
      inputmode: field === "quantity" ? "numeric" : "decimal",
      "aria-label": label,
    });
  }

  function selectInput(index, field, labels, selected, emptyLabel, ariaLabel) {
    var select = el("select", { name: "line-" + index + "-" + field, "aria-label": ariaLabel });
    if (emptyLabel !== null) select.appendChild(el("option", { value: "", text: emptyLabel }));
    Object.keys(labels).forEach(function (value) {
      var option = el("option", { value: value, text: labels[value] });
      if (value === selected) option.selected = true;
      select.appendChild(option);
    });
    return select;
  }

  function renderLines() {
    tbody.textContent = "";
    if (!state.lines.length) {
      tbody.appendChild(el("tr", { className: "calc-empty" }, [el("td", { colspan: "12", text: T.noLines })]));
      return;
    }
    state.lines.forEach(function (line, index) {
      var isObject = line && typeof line === "object" && !Array.isArray(line);
      var l = isObject ? line : {};
      var op = l.operation;
      var paint = l.paint && typeof l.paint === "object" ? l.paint : null;
      var cells = [
        el("td", { text: String(index + 1) }),
        el("td", {}, [el("code", { text: l.code || "" })]),
        el("td", { text: l.description || "" }),
        el("td", { text: OPERATION_LABELS[op] || op || "" }),
        el("td", { className: "num" }, [
          edits(op, "labour_units") ? numberInput(index, "labour_units", l.labour_units, gettext("Arbeid (AE)")) : null,
        ]),
        el("td", {}, [
          edits(op, "paint")
            ? selectInput(index, "paint_mode", PAINT_MODE_LABELS, paint ? paint.mode : "", T.noPaint, gettext("Lakniveau"))
            : null,
        ]),
        el("td", { className: "num" }, [
          edits(op, "paint") ? numberInput(index, "paint_units", paint ? paint.units : "", gettext("Lak (AE)")) : null,
        ]),
        el("td", {}, [
          edits(op, "part_source")
            ? selectInput(index, "part_source", PART_SOURCE_LABELS, l.part_source || "oem", null, gettext("Herkomst"))
            : null,
        ]),
        el("td", { className: "num" }, [
          edits(op, "quantity") ? numberInput(index, "quantity", l.quantity || "1", gettext("Aantal"), true) : null,
        ]),
        el("td", { className: "num" }, [
          edits(op, "unit_price")
            ? numberInput(index, "unit_price", l.unit_price, gettext("Prijs per stuk"))
            : edits(op, "amount")
              ? numberInput(index, "amount", l.amount, gettext("Bedrag"))
              : null,
        ]),
        el("td", { className: "num calc-net" }),
        el("td", {}, [
          el("button", {
            type: "submit",
            name: "action",
            value: "remove-" + index,
            className: "secondary calc-remove",
            "aria-label": interpolate(gettext("Regel %(n)s verwijderen"), { n: index + 1 }, true),
            text: "×",
          }),
        ]),
      ];
      tbody.appendChild(el("tr", { "data-index": String(index) }, cells));
    });
  }

  /* The mirror of cases.calculations.lines.apply_edits for one row. */
  function readRow(index) {
    var line = state.lines[index];
    if (!line || typeof line !== "object") return;
    function value(field) {
      var input = form.elements["line-" + index + "-" + field];
      return input ? input.value : null;
    }
    ["labour_units", "unit_price", "amount"].forEach(function (field) {
      var typed = value(field);
      if (typed !== null) line[field] = normaliseNumber(typed);
    });
    var quantity = value("quantity");
    if (quantity !== null) {
      quantity = normaliseNumber(quantity);
      if (quantity === "" || quantity === "1") delete line.quantity;
      else line.quantity = quantity;
    }
    var source = value("part_source");
    if (source !== null) {
      if (source === "" || source === "oem") delete line.part_source;
      else line.part_source = source;
    }
    var mode = value("paint_mode");
    if (mode !== null) {
      if (mode === "") {
        delete line.paint;
      } else {
        var units = value("paint_units");
        var old = line.paint && typeof line.paint === "object" ? line.paint : {};
        line.paint = { mode: mode, units: units !== null ? normaliseNumber(units) : old.units || "" };
      }
    }
  }

  // ---- outcome panel ---------------------------------------------------------------------

  function lineErrors(errors) {
    var perLine = {};
    var other = [];
    (errors || []).forEach(function (error) {
      var match = /^lines\[(\d+)\]\.?(.*)$/.exec(error.path || "");
      if (match) {
        var index = parseInt(match[1], 10);
        (perLine[index] = perLine[index] || []).push(match[2] ? match[2] + ": " + error.message : error.message);
      } else {
        other.push(error);
      }
    });
    return { perLine: perLine, other: other };
  }

  function renderRowOutcome(estimate, split) {
    Array.prototype.forEach.call(tbody.querySelectorAll("tr.calc-line-errors"), function (row) {
      row.remove();
    });
    var outputs = (estimate && estimate.lines) || [];
    Array.prototype.forEach.call(tbody.querySelectorAll("tr[data-index]"), function (row) {
      var index = parseInt(row.dataset.index, 10);
      var net = row.querySelector(".calc-net");
      var output = outputs[index];
      if (net) net.textContent = output && output.parts_net !== "0.00" ? euro(output.parts_net) : "";
      var messages = split.perLine[index];
      row.classList.toggle("has-error", Boolean(messages));
      if (messages) {
        var list = el("ul", { className: "errorlist" }, messages.map(function (m) {
          return el("li", { text: m });
        }));
        var errorRow = el("tr", { className: "calc-line-errors", "data-index": String(index) }, [
          el("td"),
          el("td", { colspan: "11" }, [list]),
        ]);
        row.parentNode.insertBefore(errorRow, row.nextSibling);
      }
    });
  }

  function sumRow(label, amount, className) {
    return el("tr", className ? { className: className } : {}, [
      el("th", { text: label }),
      el("td", { className: "num", text: euro(amount) }),
    ]);
  }

  function renderOutcome(estimate, errors) {
    var split = lineErrors(errors);
    renderRowOutcome(estimate, split);
    var panel = document.getElementById("calc-totals");
    panel.textContent = "";
    if (!estimate) {
      var items = split.other.map(function (e) {
        return el("li", {}, [e.path ? el("code", { text: e.path }) : null, document.createTextNode((e.path ? ": " : "") + e.message)]);
      });
      Object.keys(split.perLine).forEach(function (index) {
        split.perLine[index].forEach(function (message) {
          items.push(el("li", { text: interpolate(gettext("Regel %(n)s"), { n: parseInt(index, 10) + 1 }, true) + ": " + message }));
        });
      });
      panel.appendChild(
        el("div", { className: "calc-errors", role: "status" }, [
          el("h3", { text: gettext("Nog niet door te rekenen") }),
          el("p", { text: gettext("Het concept is opgeslagen, maar de calculatie klopt nog niet:") }),
          el("ul", {}, items),
        ])
      );
      return;
    }
    var days = estimate.repair_days;
    panel.appendChild(
      el("table", { className: "calc-sum" }, [
        el("caption", { text: gettext("Totalen") }),
        el("tbody", {}, [
          sumRow(gettext("Arbeid plaatwerk"), estimate.labour.body.amount),
          sumRow(gettext("Arbeid mechanisch"), estimate.labour.mechanical.amount),
          sumRow(gettext("Arbeid elektrisch/HV"), estimate.labour.electrical.amount),
          sumRow(gettext("Arbeid spuitwerk"), estimate.paint.labour_amount),
          sumRow(gettext("Lakmateriaal"), estimate.paint.material_amount),
          sumRow(gettext("Onderdelen netto"), estimate.parts.net),
          sumRow(gettext("Kleinmateriaal"), estimate.small_materials),
          sumRow(gettext("Werk derden"), estimate.subcontract),
          sumRow(gettext("Diversen"), estimate.sundries),
          sumRow(gettext("Afvalverwerking"), estimate.disposal),
          sumRow(gettext("Subtotaal excl. btw"), estimate.subtotal_excl_vat, "calc-sum-sub"),
          sumRow(gettext("Btw"), estimate.vat),
          sumRow(gettext("Totaal incl. btw"), estimate.total_incl_vat, "calc-sum-total"),
          el("tr", {}, [
            el("th", { text: gettext("Reparatieduur") }),
            el("td", {
              className: "num",
              text: interpolate(ngettext("%(days)s werkdag", "%(days)s werkdagen", days), { days: days }, true),
            }),
          ]),
        ]),
      ])
    );
    var loss = estimate.total_loss;
    var isLoss = Boolean(loss.economic_total_loss);
    panel.appendChild(
      el("div", { className: "calc-verdict " + (isLoss ? "is-total-loss" : "is-repair") }, [
        el("h3", { text: isLoss ? gettext("Economisch total loss") : gettext("Herstel is economisch verantwoord") }),
        el("dl", {}, [
          el("dt", { text: gettext("Waarde voor schade") }), el("dd", { text: euro(loss.value_before_damage) }),
          el("dt", { text: gettext("Grens (waarde − restwaarde)") }), el("dd", { text: euro(loss.threshold) }),
          el("dt", { text: gettext("Vergeleken bedrag") }), el("dd", { text: euro(loss.compared) }),
          el("dt", { text: gettext("Schadepercentage") }), el("dd", { text: percent(loss.repair_ratio) }),
        ]),
      ])
    );
    if (estimate.warnings && estimate.warnings.length) {
      panel.appendChild(
        el("div", { className: "calc-warnings" }, [
          el("h3", { text: gettext("Waarschuwingen") }),
          el("ul", {}, estimate.warnings.map(function (w) {
            return el("li", {}, [
              el("span", { className: "badge warn", text: w.code }),
              document.createTextNode(" " + (w.line_id ? interpolate(gettext("regel %(id)s:"), { id: w.line_id }, true) + " " : "") + w.message),
            ]);
          })),
        ])
      );
    } else {
      panel.appendChild(el("p", { className: "calc-no-warnings", text: gettext("Geen waarschuwingen.") }));
    }
  }

  // ---- autosave --------------------------------------------------------------------------

  function scheduleSave() {
    state.dirty = true;
    syncHidden();
    if (state.stale) return;
    setStatus(T.unsaved, "dirty");
    clearTimeout(state.timer);
    state.timer = setTimeout(save, DEBOUNCE_MS);
  }

  function save() {
    clearTimeout(state.timer);
    if (state.stale) return;
    if (state.saving) {
      state.pending = true; // one request at a time; the newest lines follow when it returns
      return;
    }
    state.saving = true;
    state.dirty = false;
    setStatus(T.saving, "saving");
    request("PUT", root.dataset.draftUrl, { version: state.version, lines: state.lines })
      .then(function (result) {
        if (result.ok) {
          state.version = result.body.version;
          syncHidden();
          if (!state.dirty) setStatus(interpolate(gettext("Opgeslagen (versie %(version)s)"), { version: state.version }, true), "saved");
          renderOutcome(result.body.estimate, result.body.errors);
        } else if (result.status === 409) {
          showStale(result.body);
        } else {
          state.dirty = true;
          setStatus(firstMessage(result.body, failed(result.status)), "error");
        }
      })
      .catch(function () {
        state.dirty = true;
        setStatus(T.offline, "error");
      })
      .then(function () {
        state.saving = false;
        if (state.pending && !state.stale) {
          state.pending = false;
          save();
        }
      });
  }

  function showStale(body) {
    // Keep the local lines exactly as they are: the trainee decides what happens to them.
    state.stale = true;
    state.dirty = true;
    state.currentVersion = body.current_version;
    staleMessageEl.textContent = firstMessage(body, T.stale);
    staleEl.hidden = false;
    var serverButton = document.getElementById("calc-overwrite-server");
    if (serverButton) {
      serverButton.value = String(body.current_version);
      serverButton.textContent = overwriteLabel(body.current_version);
    }
    if (overwriteButton) {
      overwriteButton.hidden = false;
      overwriteButton.textContent = overwriteLabel(body.current_version);
    }
    setStatus(T.stale, "error");
  }

  function clearStale() {
    state.stale = false;
    staleEl.hidden = true;
    if (overwriteButton) overwriteButton.hidden = true;
  }

  function saveOver(version) {
    state.version = version;
    clearStale();
    save();
  }

  function loadNewest() {
    request("GET", root.dataset.draftUrl).then(function (result) {
      if (!result.ok) {
        setStatus(firstMessage(result.body, failed(result.status)), "error");
        return;
      }
      state.lines = result.body.lines;
      state.version = result.body.version;
      state.dirty = false;
      clearStale();
      syncHidden();
      renderLines();
      renderOutcome(result.body.estimate, result.body.errors);
      setStatus(interpolate(gettext("Nieuwste versie geladen (versie %(version)s)"), { version: state.version }, true), "saved");
    });
  }

  // ---- zone and part selection -----------------------------------------------------------

  function loadCatalogue() {
    if (state.catalogue) return Promise.resolve(state.catalogue);
    return request("GET", root.dataset.partsUrl).then(function (result) {
      if (result.ok) state.catalogue = result.body;
      return state.catalogue;
    });
  }

  function partByCode(code) {
    if (!state.catalogue) return null;
    for (var z = 0; z < state.catalogue.zones.length; z++) {
      var parts = state.catalogue.zones[z].parts;
      for (var p = 0; p < parts.length; p++) if (parts[p].code === code) return parts[p];
    }
    return null;
  }

  function workByCode(code) {
    if (!state.catalogue) return null;
    for (var i = 0; i < state.catalogue.work_codes.length; i++) {
      if (state.catalogue.work_codes[i].code === code) return state.catalogue.work_codes[i];
    }
    return null;
  }

  function fillPartSelect(zoneGroups) {
    partSelect.textContent = "";
    zoneGroups.forEach(function (group) {
      if (!group.parts.length) return;
      var optgroup = el("optgroup", { label: group.name });
      group.parts.forEach(function (part) {
        optgroup.appendChild(el("option", { value: part.code, text: part.name + " (" + part.code + ")" }));
      });
      partSelect.appendChild(optgroup);
    });
    var work = el("optgroup", { label: T.workGroup });
    state.catalogue.work_codes.forEach(function (code) {
      work.appendChild(el("option", { value: code.code, text: code.description + " (" + code.code + ")" }));
    });
    partSelect.appendChild(work);
  }

  function renderParts(group) {
    partsEl.textContent = "";
    if (!group) return;
    var list = el("ul");
    if (!group.parts.length) list.appendChild(el("li", { text: T.noParts }));
    group.parts.forEach(function (part) {
      var facts = [part.code, euro(part.list_price)];
      if (!part.repair_allowed) facts.push(T.notRepairable);
      if (part.hv_zone) facts.push("HV");
      list.appendChild(
        el("li", {}, [
          el("button", { type: "button", className: "link calc-part", "data-code": part.code, text: part.name }),
          document.createTextNode(" "),
          el("small", { text: facts.join(" · ") }),
        ])
      );
    });
    partsEl.appendChild(list);
  }

  function pickZone(zone) {
    state.zone = zone;
    syncHidden();
    Array.prototype.forEach.call(root.querySelectorAll("[data-zone]"), function (node) {
      if (node === root) return;
      node.classList.toggle("is-selected", node.dataset.zone === zone);
    });
    var url = new URL(window.location.href);
    if (zone) url.searchParams.set("zone", zone);
    else url.searchParams.delete("zone");
    window.history.replaceState(null, "", url.pathname + url.search + "#calc-pick");
    loadCatalogue().then(function (catalogue) {
      if (!catalogue) return;
      var groups = catalogue.zones.filter(function (g) {
        return !zone || g.zone === zone;
      });
      var group = zone ? groups[0] : null;
      partsTitle.textContent = group ? group.name : T.allParts;
      renderParts(group);
      fillPartSelect(groups);
    });
  }

  function choosePart(code) {
    partSelect.value = code;
    fitOperation();
    operationSelect.focus();
  }

  function fitOperation() {
    var code = partSelect.value;
    var work = workByCode(code);
    if (work) {
      operationSelect.value = work.operation;
      return;
    }
    var part = partByCode(code);
    if (part && part.operations.indexOf(operationSelect.value) === -1) {
      operationSelect.value = part.operations[0];
    }
  }

  function nextLineId() {
    var highest = 0;
    state.lines.forEach(function (line) {
      if (line && /^\d+$/.test(String(line.id))) highest = Math.max(highest, parseInt(line.id, 10));
    });
    return String(highest + 1);
  }

  function addLine() {
    var payload = {
      line_id: nextLineId(),
      part_code: partSelect.value,
      operation: operationSelect.value,
      part_source: sourceSelect.value || "oem",
      quantity: parseInt(form.elements["add-quantity"].value, 10) || 1,
    };
    var paintMode = paintModeSelect.value;
    var repairUnits = normaliseNumber(form.elements["add-repair_units"].value);
    var unitPrice = normaliseNumber(form.elements["add-unit_price"].value);
    if (paintMode) payload.paint_mode = paintMode;
    if (repairUnits) payload.repair_units = repairUnits;
    if (unitPrice) payload.unit_price = unitPrice;
    addError.hidden = true;
    request("POST", root.dataset.prefillUrl, payload)
      .then(function (result) {
        if (!result.ok) {
          addError.textContent = firstMessage(result.body, failed(result.status));
          addError.hidden = false;
          return;
        }
        state.lines.push(result.body);
        renderLines();
        scheduleSave();
        save();
      })
      .catch(function () {
        addError.textContent = T.offline;
        addError.hidden = false;
      });
  }

  // ---- wiring ----------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var submitter = event.submitter;
    var name = submitter ? submitter.name : "action";
    var value = submitter ? submitter.value : "save";
    if (name === "overwrite_version") {
      saveOver(parseInt(value, 10));
    } else if (value === "add") {
      addLine();
    } else if (value.indexOf("remove-") === 0) {
      var index = parseInt(value.slice("remove-".length), 10);
      readAll();
      state.lines.splice(index, 1);
      renderLines();
      scheduleSave();
      save();
    } else {
      readAll();
      save();
    }
  });

  function readAll() {
    state.lines.forEach(function (_line, index) {
      readRow(index);
    });
  }

  function onLineEdit(event) {
    var row = event.target.closest("tr[data-index]");
    if (!row || !event.target.name) return;
    var index = parseInt(row.dataset.index, 10);
    var before = JSON.stringify(state.lines[index]);
    readRow(index);
    // A "change" after the "input" events of the same edit changes nothing: no extra version.
    if (JSON.stringify(state.lines[index]) !== before) scheduleSave();
  }

  tbody.addEventListener("input", onLineEdit);
  tbody.addEventListener("change", onLineEdit);
  tbody.addEventListener("focusout", function () {
    if (state.dirty && !state.stale) save();
  });

  root.addEventListener("click", function (event) {
    var zoneLink = event.target.closest("a[data-zone]");
    if (zoneLink && root.contains(zoneLink)) {
      event.preventDefault();
      pickZone(zoneLink.dataset.zone);
      return;
    }
    var partButton = event.target.closest("button.calc-part");
    if (partButton) {
      event.preventDefault();
      loadCatalogue().then(function () {
        choosePart(partButton.dataset.code);
      });
    }
  });

  if (overwriteButton) {
    overwriteButton.addEventListener("click", function () {
      if (state.currentVersion !== null) saveOver(state.currentVersion);
    });
  }
  if (reloadLink) {
    reloadLink.addEventListener("click", function (event) {
      event.preventDefault();
      loadNewest();
    });
  }
  partSelect.addEventListener("change", function () {
    loadCatalogue().then(fitOperation);
  });

  window.addEventListener("beforeunload", function (event) {
    if (state.dirty || state.saving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  if (autosaveHint) autosaveHint.hidden = false;
  if (state.stale) {
    // The server refused a plain-form save; the typed lines are on the page and stay there.
    setStatus(T.stale, "error");
    state.dirty = true;
  }
  loadCatalogue();
})();
