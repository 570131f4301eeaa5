// Autosave of the grading form: on leaving a field, and while typing at most once a minute.
// A save from a stale page (409) is refused by the server; the typed text stays in the form
// and autosave stops, so nothing is overwritten in either direction.
// Sending the form stops autosave: a click on "Opslaan" first blurs the field, whose autosave
// would race the form's own save with the same revision and make one of them stale. An
// autosave already under way is waited for, as its answer carries the revision to send.
// Texts are Dutch msgids translated through Django's JavaScript catalog (jsi18n/, domain
// djangojs), loaded before this file; without it the Dutch text is shown.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) { return String(values[name]); });
  };
  var form = document.getElementById("grading-form");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave-url");
  var statusEl = document.getElementById("autosave-status");
  var revisionInput = form.querySelector("input[name=revision]");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var MIN_INTERVAL_MS = 60 * 1000;
  var lastSave = 0;
  var dirty = false;
  var saving = false;
  var stale = false;
  var submitting = false;
  var submitAfterSave = null;  // the button whose click waits for the autosave under way

  function say(text, isError) {
    statusEl.textContent = text;
    statusEl.classList.toggle("error", Boolean(isError));
  }

  function payload() {
    var rubric = {};
    form.querySelectorAll("select[name^=rubric_]").forEach(function (select) {
      rubric[select.name.slice("rubric_".length)] = select.value ? parseInt(select.value, 10) : null;
    });
    // The rubric grid: one radio group per criterion; a criterion without a choice is left out.
    form.querySelectorAll("input[type=radio][name^=rubric_]:checked").forEach(function (radio) {
      rubric[radio.name.slice("rubric_".length)] = parseInt(radio.value, 10);
    });
    var remarks = {};
    form.querySelectorAll("textarea[name^=remark_]").forEach(function (area) {
      remarks[area.name.slice("remark_".length)] = area.value;
    });
    return {
      revision: parseInt(revisionInput.value, 10),
      rubric: rubric,
      remarks: remarks,
      comment: form.querySelector("textarea[name=comment]").value
    };
  }

  function save() {
    if (!dirty || saving || stale || submitting) { return; }
    saving = true;
    dirty = false;
    lastSave = Date.now();
    say(gettext("Opslaan…"));
    fetch(url, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: JSON.stringify(payload())
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      saving = false;
      submitWaiting();
      if (result.status === 200) {
        revisionInput.value = result.body.revision;
        say(interpolate(gettext("Opgeslagen om %(time)s"), { time: new Date().toLocaleTimeString(document.documentElement.lang || "nl") }, true));
      } else if (result.status === 409) {
        stale = true;
        say(gettext("Deze beoordeling is intussen elders opgeslagen. Uw tekst staat nog in het formulier: kopieer die en laad de pagina opnieuw."), true);
      } else {
        dirty = true;
        var message = (result.body.errors && result.body.errors[0] && result.body.errors[0].message) || gettext("Opslaan mislukt.");
        say(message, true);
      }
    }).catch(function () {
      saving = false;
      submitWaiting();
      dirty = true;
      say(gettext("Opslaan mislukt: geen verbinding. Uw invoer staat nog in het formulier."), true);
    });
  }

  function submitWaiting() {
    if (submitAfterSave === null) { return; }
    var button = submitAfterSave;
    submitAfterSave = null;
    window.setTimeout(function () { form.requestSubmit(button || undefined); }, 0);
  }

  form.addEventListener("submit", function (event) {
    if (saving) {
      event.preventDefault();
      submitAfterSave = event.submitter || false;
      return;
    }
    submitting = true;
  });
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; save(); });
  form.querySelectorAll("textarea, select").forEach(function (field) {
    field.addEventListener("blur", save);
  });
  window.setInterval(function () {
    if (dirty && Date.now() - lastSave >= MIN_INTERVAL_MS) { save(); }
  }, 5000);
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !stale) { save(); }
    if (stale) { event.preventDefault(); event.returnValue = ""; }
  });
})();

// Overrides: what a verdict or a typed credit does to the line's points and the score, before
// saving. The effect of each verdict is in the page already (a table per line, no script
// needed); this marks the chosen verdict's row and asks the server (the preview API, the same
// re-score as saving) about a typed credit. No score is computed here.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) { return String(values[name]); });
  };
  var DELAY_MS = 300;

  function dutch(number, places) {
    return Number(number).toFixed(places).replace(".", ",");
  }

  // "62,5" or "62.5 %" → "0.6250" (the API's credit, 0–1); "" → null; not a number → NaN.
  function creditOf(text) {
    var cleaned = text.replace("%", "").replace(/\s/g, "").replace(",", ".");
    if (cleaned === "") { return null; }
    if (!/^\d+(\.\d+)?$/.test(cleaned)) { return NaN; }
    return (Number(cleaned) / 100).toFixed(4);
  }

  document.querySelectorAll("form.override-form").forEach(function (form) {
    var url = form.getAttribute("data-preview-url");
    var select = form.querySelector("select[name=new_verdict]");
    var creditInput = form.querySelector("input[name=credit_percent]");
    var output = form.querySelector(".override-preview");
    var table = form.parentNode.querySelector("table.override-effects");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var timer = null;
    var asked = 0;

    function mark() {
      if (!table) { return; }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.classList.toggle("chosen", row.getAttribute("data-verdict") === select.value);
      });
    }

    function ask() {
      var mine = ++asked;  // any answer still under way is now out of date
      var credit = creditInput ? creditOf(creditInput.value) : null;
      if (credit === null) { output.textContent = ""; output.classList.remove("error"); return; }
      if (Number.isNaN(credit)) {
        output.textContent = gettext("Het krediet moet een percentage van 0 tot en met 100 zijn.");
        output.classList.add("error");
        return;
      }
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
        body: JSON.stringify({
          line_key: form.querySelector("input[name=line_key]").value,
          new_verdict: select.value,
          credit: credit
        })
      }).then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      }).then(function (result) {
        if (mine !== asked) { return; }  // an older answer arriving late
        if (result.status === 200) {
          output.classList.remove("error");
          output.textContent = interpolate(
            gettext("Met dit krediet: regel −%(points)s punten, score %(score)s (%(outcome)s)."),
            {
              points: dutch(result.body.points_lost, 2),
              score: dutch(result.body.score, 1),
              outcome: result.body.passed ? gettext("voldoende") : gettext("onvoldoende")
            },
            true
          );
        } else {
          output.classList.add("error");
          output.textContent = (result.body.errors && result.body.errors[0] && result.body.errors[0].message) || gettext("Voorbeeld niet beschikbaar.");
        }
      }).catch(function () {
        if (mine !== asked) { return; }
        output.classList.add("error");
        output.textContent = gettext("Voorbeeld niet beschikbaar: geen verbinding.");
      });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    }

    select.addEventListener("change", function () { mark(); later(); });
    if (creditInput) { creditInput.addEventListener("input", later); }
    mark();
    if (creditInput && creditInput.value) { ask(); }
  });
})();
