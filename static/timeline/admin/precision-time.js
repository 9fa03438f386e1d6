// The time of a date is asked for only at minute precision: at year, month
// or day precision its input is hidden (a time already typed stays shown, so
// the message about it can be acted on).  Without JavaScript the time stays
// visible and optional.
"use strict";
(function () {
  const MINUTE = "minute";

  function timeInputFor(select) {
    const base = select.name.replace(/_precision$/, "");
    return select.form ? select.form.elements.namedItem(base + "_1") : null;
  }

  function update(select) {
    const time = timeInputFor(select);
    const holder = time && time.closest("p.datetime");
    if (!holder) return;
    const typed = time.value.trim();
    const blankish = typed === "" || /^00:00(:00)?$/.test(typed);
    holder.classList.toggle("time-not-asked", select.value !== MINUTE && blankish);
  }

  function updateAll(root) {
    root.querySelectorAll('select[name$="_precision"]').forEach(update);
  }

  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches('select[name$="_precision"]')) update(event.target);
  });
  document.addEventListener("formset:added", (event) => updateAll(event.target));
  updateAll(document);
})();
