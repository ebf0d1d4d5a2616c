(function () {
  "use strict";
  var d = document, box = d.getElementById("filters"), css = d.getElementById("fs"),
    fb = d.getElementById("fb"), fv = d.getElementById("fv"), fr = d.getElementById("fr"), fn = d.getElementById("fn");
  if (!box || !css || !fb || !fv || !window.CSS || !CSS.escape) return;
  box.hidden = false;
  function apply() {
    var m = "";
    if (fb.value) m += '[data-b="' + CSS.escape(fb.value) + '"]';
    if (fv.value) m += '[data-v="' + CSS.escape(fv.value) + '"]';
    css.textContent = m ? "tr.r:not(" + m + "){display:none}tbody.g:not(:has(tr.r" + m + ")){display:none}" : "";
    fn.textContent = m ? d.querySelectorAll("tr.r" + m).length + " rows shown" : "";
    d.querySelectorAll("[data-fb]").forEach(function (el) { el.classList.toggle("on", el.getAttribute("data-fb") === fb.value); });
    d.querySelectorAll("[data-fv]").forEach(function (el) { el.classList.toggle("on", el.getAttribute("data-fv") === fv.value); });
  }
  function pick(sel, other, v) {
    sel.value = sel.value === v ? "" : v;
    other.value = "";
    apply();
    box.scrollIntoView({block: "start"});
  }
  d.querySelectorAll("[data-fb]:not(.zero)").forEach(function (el) {
    el.classList.add("pick");
    el.addEventListener("click", function () { pick(fb, fv, el.getAttribute("data-fb")); });
  });
  d.querySelectorAll("[data-fv]:not(.zero)").forEach(function (el) {
    el.classList.add("pick");
    el.addEventListener("click", function () { pick(fv, fb, el.getAttribute("data-fv")); });
  });
  fb.addEventListener("change", apply);
  fv.addEventListener("change", apply);
  fr.addEventListener("click", function () { fb.value = ""; fv.value = ""; apply(); });
  apply();
})();
