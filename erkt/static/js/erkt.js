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

// A region that scrolls sideways (a wide table on a phone, the Gantt, the SOP sheet) is
// reachable by keyboard, so it can be scrolled with the arrow keys (WCAG 2.1.1); it is no
// extra tab stop when everything fits.
const SCROLLERS = ".table-responsive, .gantt-scroll, .sop-sheet-identity, .sop-sheet-flowchart";
function focusableScrollers() {
  document.querySelectorAll(SCROLLERS).forEach((region) => {
    if (region.scrollWidth > region.clientWidth) region.tabIndex = 0;
    else region.removeAttribute("tabindex");
  });
}
document.addEventListener("DOMContentLoaded", focusableScrollers);
document.addEventListener("htmx:afterSettle", focusableScrollers);
window.addEventListener("resize", focusableScrollers);
