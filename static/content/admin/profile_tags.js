// Checkboxes of the competence profile's items in the Wagtail editor: a search box filters
// them (by code or word, accents and case ignored) and a counter shows how many are chosen.
// The widget is content.widgets.ProfileTagsWidget; without this script it is a plain list of
// checkboxes.
(function () {
  "use strict";

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(box) {
    if (box.dataset.profilePickerReady) return;
    const filter = box.querySelector("[data-profile-picker-filter]");
    const count = box.querySelector("[data-profile-picker-count]");
    const none = box.querySelector("[data-profile-picker-none]");
    // The observer below can see a box while the page is still being parsed: its last element
    // (the "no match" line) not there yet, nor all its checkboxes. Set it up once it is whole.
    if (!filter || !count || !none) return;
    box.dataset.profilePickerReady = "true";
    const options = Array.from(box.querySelectorAll("input[type=checkbox]")).map((input) => ({
      input: input,
      row: input.closest("div") || input.parentElement,
      text: normalise((input.closest("label") || input.parentElement).textContent),
    }));

    function showCount() {
      const chosen = options.filter((option) => option.input.checked).length;
      count.textContent = chosen + " " + (count.dataset.label || "");
    }

    function apply() {
      const words = normalise(filter.value).split(/\s+/).filter(Boolean);
      let matches = 0;
      options.forEach((option) => {
        const match = words.every((word) => option.text.includes(word));
        // A chosen item stays visible, so a filter never hides what is selected.
        option.row.hidden = !(match || option.input.checked);
        if (match) matches += 1;
      });
      none.hidden = matches > 0;
    }

    filter.addEventListener("input", apply);
    // Enter in the search box must not submit the page form.
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    box.addEventListener("change", showCount);
    showCount();
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-profile-picker]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  // Panels rendered later (e.g. after a form error) are set up as they appear; at most once a
  // frame, the editor changes the page often.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(() => {
      queued = false;
      setUpAll(document);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
