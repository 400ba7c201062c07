/* e-RKT: page behaviour shared by every page (loaded by base.html). */

// htmx swaps nothing on a 5xx, so without this a failed action would look like no click.
// 403/409/422 carry their own message in the swapped fragment (htmx-config in base.html).
document.addEventListener("htmx:responseError", (event) => {
  if (event.detail.xhr.status < 500) return;
  const alert = document.getElementById("server-error");
  if (alert) alert.hidden = false;
});

document.addEventListener("click", (event) => {
  const close = event.target.closest("[data-erkt-hide]");
  if (close) document.getElementById(close.dataset.erktHide).hidden = true;
});

// The demo accounts on the login page fill the username (the link works without JavaScript).
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-demo-username]");
  if (!link) return;
  event.preventDefault();
  document.getElementById("id_username").value = link.dataset.demoUsername;
  document.getElementById("id_password").focus();
});

// A link that empties an htmx slot instead of reloading the page (the Batal of a new row).
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-erkt-clear]");
  if (!link) return;
  event.preventDefault();
  document.querySelector(link.dataset.erktClear).innerHTML = "";
});

// The attendance list: the substitute's name only when "Diwakili" is chosen (without
// JavaScript every name field stays visible), and "Semua hadir" marks everyone present.
function syncSubstitutes(root) {
  root.querySelectorAll("[data-erkt-wakil-for]").forEach((box) => {
    const chosen = root.querySelector(`input[name="${box.dataset.erktWakilFor}"]:checked`);
    box.hidden = !chosen || chosen.value !== "diwakili";
  });
}

function enhanceAttendance(root) {
  if (!root.querySelector("[data-erkt-wakil-for]")) return;
  syncSubstitutes(root);
  root.querySelectorAll("[data-erkt-all-present]").forEach((button) => {
    button.hidden = false;
  });
}

document.addEventListener("change", (event) => {
  if (event.target.matches('input[type="radio"]')) syncSubstitutes(document);
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-erkt-all-present]");
  if (!button) return;
  button.form.querySelectorAll('input[type="radio"][value="hadir"]').forEach((radio) => {
    radio.checked = true;
  });
  syncSubstitutes(button.form);
});

document.addEventListener("DOMContentLoaded", () => enhanceAttendance(document));
document.addEventListener("htmx:afterSwap", () => enhanceAttendance(document));

// The print view's button (hidden without JS: the browser's own Cetak menu does the same).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-erkt-print]").forEach((button) => {
    button.hidden = false;
  });
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-erkt-print]")) window.print();
});

// A region that scrolls (a wide table on a phone, a long table in its box, the Gantt, the SOP sheet) is
// reachable by keyboard, so it can be scrolled with the arrow keys (WCAG 2.1.1); it is no
// extra tab stop when everything fits.
const SCROLLERS =
  ".table-responsive, .table-scroll, .gantt-scroll, .sop-sheet-identity, .sop-sheet-flowchart, .sop-preview";
function focusableScrollers() {
  document.querySelectorAll(SCROLLERS).forEach((region) => {
    const scrolls =
      region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight;
    if (scrolls) region.tabIndex = 0;
    else region.removeAttribute("tabindex");
  });
}
document.addEventListener("DOMContentLoaded", focusableScrollers);
document.addEventListener("htmx:afterSettle", focusableScrollers);
window.addEventListener("resize", focusableScrollers);
// A long-running form (archiving at step 11): one submit only, and a visible "in progress".
// Without JavaScript the button stays as it is and the server refuses a second Berkas.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-erkt-busy]");
  if (!form) return;
  if (form.dataset.erktSubmitted) {
    event.preventDefault();
    return;
  }
  form.dataset.erktSubmitted = "1";
  form.setAttribute("aria-busy", "true");
  form.querySelectorAll('button[type="submit"]').forEach((button) => {
    button.disabled = true;
    const label = button.querySelector("[data-erkt-busy-label]");
    if (label) label.textContent = form.dataset.erktBusy;
    const spinner = button.querySelector(".spinner-border");
    if (spinner) spinner.hidden = false;
  });
  const status = form.querySelector("[data-erkt-busy-status]");
  if (status) {
    status.hidden = false;
    status.textContent = form.dataset.erktBusy;
  }
});

// Search boxes over long tables: <input data-erkt-filter="#table-id"> hides the body rows
// (or, in a list, the [data-erkt-filter-item] elements) that do not contain the typed words. Without JavaScript the box stays hidden and every
// row shows. A row group (tbody) with a heading row stays while any of its rows matches.
function filterTable(input) {
  const table = document.querySelector(input.dataset.erktFilter);
  if (!table) return;
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  // A table with merged cells (rowspan, the RKT table) marks the matching rows instead of
  // hiding the others, which would tear its merged cells apart.
  const mark = table.hasAttribute("data-erkt-filter-mark");
  let shown = 0;
  let first = null;
  const items = table.matches("table") ? "tbody tr" : "[data-erkt-filter-item]";
  table.querySelectorAll(items).forEach((row) => {
    const text = row.textContent.toLowerCase();
    const match = words.every((word) => text.includes(word));
    if (mark) {
      row.classList.toggle("erkt-match", words.length > 0 && match);
    } else {
      row.hidden = !match;
    }
    if (match) shown += 1;
    if (match && !first) first = row;
  });
  if (mark && words.length && first) first.scrollIntoView({ block: "nearest" });
  const count = document.querySelector(`[data-erkt-filter-count="${input.id}"]`);
  if (count) {
    count.textContent = words.length ? count.dataset.template.replace("{n}", shown) : "";
  }
}

document.addEventListener("input", (event) => {
  if (event.target.matches("[data-erkt-filter]")) filterTable(event.target);
});
// An htmx swap (a Form RKT row saved) brings unfiltered rows: filter them again.
document.addEventListener("htmx:afterSwap", () => {
  document.querySelectorAll("[data-erkt-filter]").forEach((input) => {
    if (input.value) filterTable(input);
  });
});

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-erkt-filter-box]").forEach((box) => {
    box.hidden = false;
  });
});
