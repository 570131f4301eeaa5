/*
 * The calculation editor: zone → part → operation, editable lines, autosave with a version check.
 *
 * The page works without this file (a plain form posts to the server). With it, every change is
 * PUT to the draft API (debounced ~800 ms, and at once when a field loses focus) with the version
 * the page is based on. A 409 means another tab or session saved in between: the local lines are
 * KEPT, autosave stops, and the trainee chooses between loading the newest version and knowingly
 * saving theirs over it. Nothing is overwritten silently. See cases/calculations/README.md.
 *
 * Finding a part: zone on the outline (left and right apart) → exploded view or list of the zone's
 * parts, or the type-ahead search (ARIA combobox) by name or part number. Entering: Enter in the add
 * form adds the line, and the form falls back to the operation's defaults after each line; a line's
 * operation changes in place; a deleted line can be restored ("Ongedaan maken"). Money: per-line
 * amounts and hints come from the server (calcengine.line_amounts, cases.calculations.plausibility);
 * this file never computes an amount.
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
  // A save that failed for a passing reason (no connection, the server or its database away:
  // 5xx, 429) is retried by itself after these pauses, the last one repeated, or after the
  // server's Retry-After when it names one (issue #17). The typed lines stay as they are.
  var RETRY_DELAYS_MS = [2000, 4000, 8000, 15000];
  var RETRY_STATUS = { 0: true, 429: true, 500: true, 502: true, 503: true, 504: true };
  var form = document.getElementById("calc-form");
  var statusEl = document.getElementById("calc-status");
  var retryButton = document.getElementById("calc-retry");
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
  var addFieldset = document.getElementById("calc-add");
  var explodedEl = document.getElementById("calc-exploded");
  var searchBox = document.getElementById("calc-search");
  var searchInput = document.getElementById("calc-search-input");
  var searchList = document.getElementById("calc-search-list");
  var searchStatus = document.getElementById("calc-search-status");
  var toastEl = document.getElementById("calc-toast");
  var toastUndo = document.getElementById("calc-toast-undo");
  var SEARCH_DEBOUNCE_MS = 200;
  var TOAST_MS = 10000;
  var SVG_NS = "http://www.w3.org/2000/svg";

  var state = {
    lines: parseJson(linesJson ? linesJson.value : "[]", []),
    version: parseInt(root.dataset.version, 10) || 0,
    zone: root.dataset.zone || "",
    dirty: false,
    saving: false,
    pending: false,
    retries: 0, // saves in a row that failed for a passing reason (retryLater)
    retryBody: null, // the body of the failed save, sent again as it was
    stale: !staleEl.hidden,
    currentVersion: null,
    timer: null,
    catalogue: null,
    preview: null, // the last answer's estimate, errors, line_amounts and plausibility
    removed: null, // {line, index} of the last deleted line, for "Ongedaan maken"
    toastTimer: null,
    search: { timer: null, results: [], active: -1, seq: 0 },
  };

  // The operations table (calcengine.schema), handed over by the page as JSON data in the
  // editor's data-table attribute: per operation its label and the fields a trainee edits on
  // its line, and the labels of the paint modes and part sources. This file keeps no list of
  // operations of its own.
  var TABLE = readTable(root.dataset.table);
  var OPERATION_LABELS = labelsOf(TABLE.operations);
  var PAINT_MODE_LABELS = labelsOf(TABLE.paint_modes);
  var PART_SOURCE_LABELS = labelsOf(TABLE.part_sources);
  var FIELD_LABELS = TABLE.field_labels || {};
  var OPERATION_FIELDS = {};
  var ADD_FIELDS = {};
  var OPERATION_NEEDS_PAINT = {};
  (TABLE.operations || []).forEach(function (operation) {
    OPERATION_FIELDS[operation.code] = operation.fields || {};
    ADD_FIELDS[operation.code] = operation.add_fields || {};
    OPERATION_NEEDS_PAINT[operation.code] = operation.needs_paint === true;
  });

  var T = {
    saving: gettext("Opslaan…"),
    unsaved: gettext("Niet opgeslagen wijzigingen"),
    offline: gettext("Geen verbinding: uw wijzigingen zijn nog niet opgeslagen."),
    retrying: gettext("Niet opgeslagen — opnieuw proberen"),
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

  function capfirst(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }

  /* The Dutch name of the field an error path names (cases.calculations.labels.field_label). */
  function fieldLabel(path) {
    var rest = String(path || "").replace(/^lines\[\d+\]\.?/, "");
    while (rest) {
      if (Object.prototype.hasOwnProperty.call(FIELD_LABELS, rest)) return capfirst(FIELD_LABELS[rest]);
      var dot = rest.lastIndexOf(".");
      rest = dot === -1 ? "" : rest.slice(0, dot);
    }
    return "";
  }

  /* A message with internal field names replaced by their labels (labels.readable_message). */
  function readableMessage(message) {
    return String(message || "").replace(/\b[a-z]+(?:_[a-z]+)+\b/g, function (name) {
      return Object.prototype.hasOwnProperty.call(FIELD_LABELS, name) ? FIELD_LABELS[name] : name;
    });
  }

  /* An error as the editor shows it (labels.readable_error): "Prijs per stuk: Mag niet negatief zijn." */
  function readableError(error) {
    var label = fieldLabel(error.path);
    var message = readableMessage(error.message);
    return label ? label + ": " + message : message;
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

  /* A stored decimal as typed in a Dutch field: "512.00" → "512,00" (no thousands dots, so the
     field reads back as typed); anything else unchanged. */
  function inputNumber(text) {
    return /^-?\d+\.\d+$/.test(text) ? text.replace(".", ",") : text;
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
    if (retryButton) retryButton.hidden = kind !== "retrying";
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
          return readableMessage(e.message);
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
          return {
            status: response.status,
            ok: response.ok,
            body: body,
            retryAfter: response.headers.get("Retry-After"),
          };
        });
    });
  }

  // ---- lines table -----------------------------------------------------------------------

  function numberInput(index, field, value, label, short) {
    return el("input", {
      className: "calc-num" + (short ? " calc-num--short" : ""),
      name: "line-" + index + "-" + field,
      value: value === undefined || value === null ? "" : inputNumber(String(value)),
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

  /* The operations the line's part or work code can be booked with (the catalogue's). */
  function operationsFor(code) {
    var part = partByCode(code);
    if (part) return part.operations;
    var work = workByCode(code);
    return work ? [work.operation] : [];
  }

  function operationCell(index, l) {
    var options = operationsFor(l.code);
    if (options.length < 2) return el("td", { text: OPERATION_LABELS[l.operation] || l.operation || "" });
    var labels = {};
    options.forEach(function (code) {
      labels[code] = OPERATION_LABELS[code] || code;
    });
    var select = selectInput(
      index,
      "operation",
      labels,
      l.operation,
      null,
      interpolate(gettext("Bewerking regel %(n)s"), { n: index + 1 }, true)
    );
    select.className = "calc-operation";
    return el("td", {}, [select]);
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
        operationCell(index, l),
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
        el("td", { className: "num calc-amount" }),
        el("td", { className: "calc-remove-cell" }, [
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
      var match = /^lines\[(\d+)\]/.exec(error.path || "");
      if (match) {
        var index = parseInt(match[1], 10);
        (perLine[index] = perLine[index] || []).push(readableError(error));
      } else {
        other.push(error);
      }
    });
    return { perLine: perLine, other: other };
  }

  function amountCell(cell, amounts) {
    cell.textContent = "";
    if (!amounts) return;
    if (amounts.amount !== "0.00") cell.appendChild(el("span", { className: "calc-amount-net", text: euro(amounts.amount) }));
    if (amounts.parts_discount !== "0.00") {
      cell.appendChild(
        el("small", {
          className: "calc-amount-detail",
          text: interpolate(
            gettext("bruto %(gross)s, korting %(discount)s"),
            { gross: euro(amounts.parts_gross), discount: euro(amounts.parts_discount) },
            true
          ),
        })
      );
    }
    if (amounts.labour_hours !== "0") {
      cell.appendChild(
        el("small", {
          className: "calc-amount-detail",
          text: interpolate(gettext("%(hours)s uur"), { hours: dutchNumber(amounts.labour_hours) }, true),
        })
      );
    }
  }

  function detailRow(index, className, listClass, messages) {
    return el("tr", { className: className, "data-for": String(index) }, [
      el("td"),
      el("td", { colspan: "11" }, [
        el("ul", { className: listClass }, messages.map(function (m) {
          return el("li", { text: m });
        })),
      ]),
    ]);
  }

  function renderRowOutcome(preview, split) {
    Array.prototype.forEach.call(tbody.querySelectorAll("tr.calc-line-errors, tr.calc-line-hints"), function (row) {
      row.remove();
    });
    var amounts = preview.line_amounts || [];
    var hints = {};
    (preview.plausibility || []).forEach(function (hint) {
      (hints[hint.index] = hints[hint.index] || []).push(hint.message);
    });
    Array.prototype.forEach.call(tbody.querySelectorAll("tr[data-index]"), function (row) {
      var index = parseInt(row.dataset.index, 10);
      var cell = row.querySelector(".calc-amount");
      if (cell) amountCell(cell, amounts[index]);
      var messages = split.perLine[index];
      row.classList.toggle("has-error", Boolean(messages));
      row.classList.toggle("has-hint", Boolean(hints[index]));
      var after = row;
      if (hints[index]) {
        var hintRow = detailRow(index, "calc-line-hints", "calc-hints", hints[index]);
        row.parentNode.insertBefore(hintRow, after.nextSibling);
        after = hintRow;
      }
      if (messages) {
        row.parentNode.insertBefore(detailRow(index, "calc-line-errors", "errorlist", messages), after.nextSibling);
      }
    });
  }

  function sumRow(label, amount, className, hours) {
    return el("tr", className ? { className: className } : {}, [
      el("th", { text: label }),
      el("td", { className: "num calc-hours", text: hours === undefined ? "" : dutchNumber(hours) }),
      el("td", { className: "num", text: euro(amount) }),
    ]);
  }

  /* The outcome panel from a preview answer: {estimate, errors, line_amounts, plausibility}. */
  function renderOutcome(preview) {
    preview = preview || {};
    state.preview = preview;
    var estimate = preview.estimate;
    var split = lineErrors(preview.errors);
    renderRowOutcome(preview, split);
    var panel = document.getElementById("calc-totals");
    panel.textContent = "";
    if (!estimate) {
      var items = split.other.map(function (e) {
        return el("li", { text: readableError(e) });
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
        el("thead", {}, [
          el("tr", {}, [
            el("th", {}, [el("span", { className: "visually-hidden", text: gettext("Post") })]),
            el("th", { className: "num", text: gettext("Uren") }),
            el("th", { className: "num", text: gettext("Bedrag") }),
          ]),
        ]),
        el("tbody", {}, [
          sumRow(gettext("Arbeid plaatwerk"), estimate.labour.body.amount, "", estimate.labour.body.hours),
          sumRow(gettext("Arbeid mechanisch"), estimate.labour.mechanical.amount, "", estimate.labour.mechanical.hours),
          sumRow(gettext("Arbeid elektrisch/HV"), estimate.labour.electrical.amount, "", estimate.labour.electrical.hours),
          sumRow(gettext("Arbeid spuitwerk"), estimate.paint.labour_amount, "", estimate.paint.hours),
          sumRow(gettext("Lakmateriaal"), estimate.paint.material_amount),
          sumRow(gettext("Onderdelen bruto"), estimate.parts.gross),
          sumRow(gettext("Korting onderdelen"), estimate.parts.discount),
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
            el("td"),
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
              el("span", { className: "badge warn", text: gettext("Let op") }),
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
    // A save that failed for a passing reason is sent again exactly as it was (the server may
    // have stored it and only its answer been lost: the same body is then answered as stored,
    // where newer lines on the old version would look like another tab's save); the lines
    // typed since follow in the next save.
    var body = state.retryBody;
    state.retryBody = null;
    if (!body) {
      body = { version: state.version, lines: JSON.parse(JSON.stringify(state.lines)) };
      state.dirty = false;
    }
    setStatus(T.saving, "saving");
    request("PUT", root.dataset.draftUrl, body)
      .then(function (result) {
        if (result.ok) {
          state.retries = 0;
          state.version = result.body.version;
          if (JSON.stringify(body.lines) === JSON.stringify(state.lines)) {
            state.dirty = false;
          } else {
            state.pending = true; // typed since this body was made: save those too
          }
          syncHidden();
          if (!state.dirty) setStatus(interpolate(gettext("Opgeslagen (versie %(version)s)"), { version: state.version }, true), "saved");
          renderOutcome(result.body);
        } else if (result.status === 409) {
          showStale(result.body);
        } else if (RETRY_STATUS[result.status]) {
          retryLater(body, result.retryAfter);
        } else {
          state.dirty = true;
          setStatus(firstMessage(result.body, failed(result.status)), "error");
        }
      })
      .catch(function () {
        retryLater(body, null); // no answer at all: the connection or the server is away
      })
      .then(function () {
        state.saving = false;
        // While a retry waits for its pause, newer lines wait with it (sent after it).
        if (state.pending && !state.stale && !state.retryBody) {
          state.pending = false;
          save();
        }
      });
  }

  function retryLater(body, retryAfter) {
    // The same save again later: the server answers a repeat of a save it did store as that
    // save (cases.calculations.services.draft_save), so a retry never writes twice.
    state.retryBody = body;
    state.dirty = true;
    setStatus(T.retrying, "retrying");
    var delay = RETRY_DELAYS_MS[Math.min(state.retries, RETRY_DELAYS_MS.length - 1)];
    var asked = parseInt(retryAfter, 10);
    if (asked > 0) delay = Math.min(asked * 1000, 60000);
    state.retries += 1;
    clearTimeout(state.timer);
    state.timer = setTimeout(save, delay);
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
    state.retryBody = null; // the trainee chose: their current lines over that version
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
      renderOutcome(result.body);
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

  /* The editor's view of a zone (the catalogue's zones, and the left and right side apart). */
  function viewOf(zone) {
    var views = (state.catalogue && state.catalogue.views) || [];
    for (var i = 0; i < views.length; i++) if (views[i].zone === zone) return views[i];
    return null;
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return true;
    return false;
  }

  function fillPartSelect(zoneGroups) {
    var current = partSelect.value;
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
    if (hasOption(partSelect, current)) partSelect.value = current;
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

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  /* The zone's exploded view as templates/cases/partials/calc_exploded.svg.html draws it, from
     the layout the server computed (cases.calculations.outline.exploded_view). */
  function renderExploded(view) {
    if (!explodedEl) return;
    explodedEl.textContent = "";
    if (!view || !view.parts.length) return;
    var layout = view.exploded;
    var titleId = "calc-exploded-title-" + view.zone;
    var drawing = svg("svg", {
      class: "calc-exploded",
      viewBox: "0 0 " + layout.width + " " + layout.height,
      width: String(layout.width),
      role: "group",
      "aria-labelledby": titleId,
    }, [
      svg("title", {
        id: titleId,
        text: interpolate(gettext("Onderdelen %(zone)s (explosietekening)"), { zone: view.name }, true),
      }),
    ]);
    layout.tiles.forEach(function (tile) {
      drawing.appendChild(
        svg("a", {
          href: "?zone=" + encodeURIComponent(view.zone) + "&part=" + encodeURIComponent(tile.code) + "#calc-add",
          class: "calc-xpart" + (tile.hv_zone ? " is-hv" : ""),
          "data-code": tile.code,
          "aria-label": tile.name + " (" + tile.code + ")",
        }, [
          svg("title", { text: tile.name + " · " + tile.code + " · " + euro(tile.list_price) }),
          svg("rect", { x: tile.x, y: tile.y, width: tile.w, height: tile.h, rx: 6 }),
          svg("text", { x: tile.tx, y: tile.ty, class: "calc-xpart-name", text: tile.label }),
          svg("text", { x: tile.tx, y: tile.cy, class: "calc-xpart-code", text: tile.code }),
        ])
      );
    });
    explodedEl.appendChild(drawing);
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
    url.searchParams.delete("part");
    window.history.replaceState(null, "", url.pathname + url.search + "#calc-pick");
    loadCatalogue().then(function (catalogue) {
      if (!catalogue) return;
      var view = zone ? viewOf(zone) : null;
      partsTitle.textContent = view ? view.name : T.allParts;
      renderParts(view);
      renderExploded(view);
      fillPartSelect(view ? [view] : catalogue.zones);
    });
  }

  /* Put a part or work code in the add form; the whole catalogue is offered when the picked
     zone does not hold it (a part found by the search). */
  function choosePart(code, focusOperation) {
    if (!hasOption(partSelect, code) && state.catalogue) fillPartSelect(state.catalogue.zones);
    partSelect.value = code;
    fitOperation();
    if (focusOperation) operationSelect.focus();
  }

  function fitOperation() {
    var code = partSelect.value;
    var work = workByCode(code);
    if (work) {
      operationSelect.value = work.operation;
    } else {
      var part = partByCode(code);
      if (part && part.operations.indexOf(operationSelect.value) === -1) {
        operationSelect.value = part.operations[0];
      }
    }
    markUnused(true);
  }

  // ---- the add form ----------------------------------------------------------------------

  // The add form's fields with their defaults (cases.calculations.forms.AddLineForm).
  var ADD_DEFAULTS = { paint_mode: "", repair_units: "", part_source: "oem", quantity: "1", unit_price: "" };

  function addInput(field) {
    return form.elements["add-" + field];
  }

  /* Dim the fields the chosen operation does not use (labels.add_fields); with `clear`, empty
     them too, so that a value typed for another operation is never sent with this one. */
  function markUnused(clear) {
    var uses = ADD_FIELDS[operationSelect.value] || {};
    Object.keys(ADD_DEFAULTS).forEach(function (field) {
      var input = addInput(field);
      if (!input) return;
      var used = uses[field] === true;
      if (!used && clear) input.value = ADD_DEFAULTS[field];
      var wrap = input.closest(".calc-field");
      if (wrap) wrap.classList.toggle("is-unused", !used);
    });
  }

  /* After a line is added: the operation stays, everything else back to its defaults. */
  function resetAddForm() {
    Object.keys(ADD_DEFAULTS).forEach(function (field) {
      var input = addInput(field);
      if (input) input.value = ADD_DEFAULTS[field];
    });
    if (searchInput) searchInput.value = "";
    closeSearch();
    markUnused(false);
  }

  function nextLineId() {
    var highest = 0;
    state.lines.forEach(function (line) {
      if (line && /^\d+$/.test(String(line.id))) highest = Math.max(highest, parseInt(line.id, 10));
    });
    return String(highest + 1);
  }

  function addLine() {
    var operation = operationSelect.value;
    var uses = ADD_FIELDS[operation] || {};
    var payload = { line_id: nextLineId(), part_code: partSelect.value, operation: operation };
    var paintMode = paintModeSelect.value;
    var repairUnits = normaliseNumber(addInput("repair_units").value);
    var unitPrice = normaliseNumber(addInput("unit_price").value);
    if (uses.paint_mode && paintMode) payload.paint_mode = paintMode;
    if (uses.repair_units && repairUnits) payload.repair_units = repairUnits;
    if (uses.part_source) payload.part_source = sourceSelect.value || "oem";
    if (uses.quantity) payload.quantity = parseInt(addInput("quantity").value, 10) || 1;
    if (uses.unit_price && unitPrice) payload.unit_price = unitPrice;
    addError.hidden = true;
    request("POST", root.dataset.prefillUrl, payload)
      .then(function (result) {
        if (!result.ok) {
          addError.textContent = (result.body.errors || []).length
            ? result.body.errors.map(readableError).join(" ")
            : failed(result.status);
          addError.hidden = false;
          return;
        }
        state.lines.push(result.body);
        renderLines();
        resetAddForm();
        scheduleSave();
        save();
      })
      .catch(function () {
        addError.textContent = T.offline;
        addError.hidden = false;
      });
  }

  // ---- type-ahead search (ARIA combobox with a listbox) -----------------------------------

  function searchOptionId(index) {
    return "calc-search-option-" + index;
  }

  function closeSearch() {
    if (!searchList) return;
    searchList.hidden = true;
    searchList.textContent = "";
    searchInput.setAttribute("aria-expanded", "false");
    searchInput.removeAttribute("aria-activedescendant");
    state.search.results = [];
    state.search.active = -1;
  }

  function setActive(index) {
    var options = searchList.querySelectorAll("[role=option]");
    state.search.active = index;
    Array.prototype.forEach.call(options, function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
      option.classList.toggle("is-active", i === index);
    });
    if (index >= 0 && options[index]) {
      searchInput.setAttribute("aria-activedescendant", searchOptionId(index));
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      searchInput.removeAttribute("aria-activedescendant");
    }
  }

  function showResults(results) {
    searchList.textContent = "";
    state.search.results = results;
    state.search.active = -1;
    results.forEach(function (result, index) {
      var facts = [result.code, result.zone_name];
      if (result.list_price) facts.push(euro(result.list_price));
      searchList.appendChild(
        el("li", { id: searchOptionId(index), role: "option", "aria-selected": "false", "data-index": String(index) }, [
          el("span", { className: "calc-search-name", text: result.name }),
          el("small", { text: facts.join(" · ") }),
        ])
      );
    });
    var open = results.length > 0;
    searchList.hidden = !open;
    searchInput.setAttribute("aria-expanded", open ? "true" : "false");
    searchInput.removeAttribute("aria-activedescendant");
    searchStatus.textContent = searchInput.value.trim().length < 2
      ? ""
      : interpolate(
          ngettext("%(n)s onderdeel gevonden", "%(n)s onderdelen gevonden", results.length),
          { n: results.length },
          true
        );
  }

  function runSearch() {
    var query = searchInput.value.trim();
    var seq = ++state.search.seq;
    if (query.length < 2) {
      showResults([]);
      return;
    }
    request("GET", root.dataset.searchUrl + "?q=" + encodeURIComponent(query)).then(function (result) {
      if (seq !== state.search.seq) return; // a newer query is on its way
      showResults(result.ok ? result.body.results || [] : []);
    });
  }

  function pickResult(index) {
    var result = state.search.results[index];
    if (!result) return;
    closeSearch();
    searchInput.value = result.name + " (" + result.code + ")";
    loadCatalogue().then(function () {
      choosePart(result.code, false);
    });
  }

  function onSearchKey(event) {
    var open = !searchList.hidden && state.search.results.length > 0;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      var count = state.search.results.length;
      var step = event.key === "ArrowDown" ? 1 : -1;
      setActive((state.search.active + step + count) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      event.stopPropagation();
      if (open) pickResult(state.search.active >= 0 ? state.search.active : 0);
      else if (partSelect.value) addLine();
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        closeSearch();
      }
    }
  }

  // ---- operation in place, delete with undo ------------------------------------------------

  /* Book the line with another operation on the same part, in place, with the operation's
     defaults (the server's catalogue.switch_operation does the same without this script). */
  function switchOperation(index, select) {
    var line = state.lines[index];
    if (!line || typeof line !== "object") return;
    readRow(index);
    var operation = select.value;
    var uses = ADD_FIELDS[operation] || {};
    var payload = { line_id: String(line.id), part_code: String(line.code || ""), operation: operation };
    var paint = line.paint && typeof line.paint === "object" ? line.paint : null;
    if (OPERATION_NEEDS_PAINT[operation]) payload.paint_mode = paint && paint.mode ? paint.mode : TABLE.switch_paint_mode;
    if (uses.repair_units && line.labour_units) payload.repair_units = String(line.labour_units);
    request("POST", root.dataset.prefillUrl, payload).then(function (result) {
      if (!result.ok) {
        select.value = line.operation;
        var row = select.closest("tr");
        var errors = (result.body.errors || []).map(readableError);
        if (row) row.parentNode.insertBefore(detailRow(index, "calc-line-errors", "errorlist", errors.length ? errors : [failed(result.status)]), row.nextSibling);
        return;
      }
      state.lines[index] = result.body;
      renderLines();
      scheduleSave();
      save();
      var again = form.elements["line-" + index + "-operation"];
      if (again) again.focus();
    });
  }

  function hideToast() {
    clearTimeout(state.toastTimer);
    if (toastEl) toastEl.hidden = true;
  }

  function removeLine(index) {
    readAll();
    var removed = state.lines.splice(index, 1)[0];
    state.removed = { line: removed, index: index };
    renderLines();
    scheduleSave();
    save();
    if (toastEl) {
      toastEl.hidden = false;
      clearTimeout(state.toastTimer);
      state.toastTimer = setTimeout(function () {
        state.removed = null;
        hideToast();
      }, TOAST_MS);
      toastUndo.focus();
    }
  }

  /* "Ongedaan maken": the deleted line back in its place (a new id if another line took it). */
  function undoRemove() {
    var removed = state.removed;
    if (!removed) return;
    state.removed = null;
    hideToast();
    readAll();
    var line = removed.line;
    if (line && typeof line === "object") {
      var taken = state.lines.some(function (other) {
        return other && other.id === line.id;
      });
      if (taken) line.id = nextLineId();
    }
    var index = Math.min(removed.index, state.lines.length);
    state.lines.splice(index, 0, line);
    renderLines();
    scheduleSave();
    save();
    var restored = tbody.querySelector('tr[data-index="' + index + '"] .calc-remove');
    if (restored) restored.focus();
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
      removeLine(parseInt(value.slice("remove-".length), 10));
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
    if (event.target.classList.contains("calc-operation")) {
      if (event.type === "change") switchOperation(index, event.target);
      return;
    }
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
    var partLink = event.target.closest("button.calc-part, a.calc-xpart");
    if (partLink) {
      event.preventDefault();
      loadCatalogue().then(function () {
        choosePart(partLink.dataset.code, true);
      });
    }
  });

  if (addFieldset) {
    // Enter in the add form adds the line (the form's default button would save instead).
    addFieldset.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.defaultPrevented) return;
      var tag = event.target.tagName;
      if (tag !== "INPUT" && tag !== "SELECT") return;
      event.preventDefault();
      addLine();
    });
  }
  if (searchInput) {
    searchBox.hidden = false;
    searchInput.addEventListener("input", function () {
      clearTimeout(state.search.timer);
      state.search.timer = setTimeout(runSearch, SEARCH_DEBOUNCE_MS);
    });
    searchInput.addEventListener("keydown", onSearchKey);
    searchInput.addEventListener("blur", function () {
      // Later than a click on an option, which picks it first.
      setTimeout(closeSearch, 200);
    });
    searchList.addEventListener("mousedown", function (event) {
      var option = event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault(); // keep the focus in the field
      pickResult(parseInt(option.dataset.index, 10));
    });
  }
  if (toastUndo) toastUndo.addEventListener("click", undoRemove);
  if (retryButton) retryButton.addEventListener("click", save); // now, not after the pause

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
  if (partSelect) {
    partSelect.addEventListener("change", function () {
      loadCatalogue().then(fitOperation);
    });
    operationSelect.addEventListener("change", function () {
      markUnused(true);
    });
  }

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
  if (partSelect) markUnused(false);
  // The table's operation choosers (after a change) need the catalogue's operations per part;
  // the page rendered the first ones itself.
  loadCatalogue();
})();
