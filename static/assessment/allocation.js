// Marker allocation on the queue (assessment:allocate): choosing a marker in a row's select
// ticks that row's "toewijzen" box, so the next submit allocates it.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.classList.contains("allocation-marker")) {
    return;
  }
  const row = select.closest("tr");
  const pick = row && row.querySelector("input.allocation-pick");
  if (pick) {
    pick.checked = true;
  }
});
