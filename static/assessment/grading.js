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
    return {
      revision: parseInt(revisionInput.value, 10),
      rubric: rubric,
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
