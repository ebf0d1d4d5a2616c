// sim.js stands in for a CMP's behaviour in the fixtures (our own code):
// clicking one of the accept buttons removes the UI, unlocks scrolling and
// runs the content that waits for consent (it adds the target link).
// Attributes of its script tag: data-ui (selectors of the UI to remove),
// data-accept (selectors of accept buttons), data-into (where the link goes;
// none: no link), data-root (a shadow host whose open root holds the UI).
(function () {
  var me = document.currentScript;
  var ui = (me.getAttribute('data-ui') || '').split(',').filter(Boolean);
  var accept = (me.getAttribute('data-accept') || '').split(',').filter(Boolean);
  var into = me.getAttribute('data-into');
  var host = me.getAttribute('data-root');
  function consented() {
    ui.forEach(function (sel) {
      document.querySelectorAll(sel).forEach(function (el) { el.remove(); });
    });
    if (host) { var h = document.querySelector(host); if (h) h.remove(); }
    document.documentElement.style.overflow = '';
    document.body.style.overflow = '';
    window.__consented = true;
    if (into) {
      var a = document.createElement('a');
      a.href = 'https://target.example/after-consent';
      a.textContent = 'the partner shop';
      document.querySelector(into).appendChild(a);
    }
  }
  window.__giveConsent = consented;
  document.addEventListener('click', function (e) {
    var path = e.composedPath ? e.composedPath() : [e.target];
    for (var i = 0; i < path.length; i++) {
      var el = path[i];
      if (!el.matches) continue;
      for (var j = 0; j < accept.length; j++) {
        if (el.matches(accept[j])) { e.preventDefault(); consented(); return; }
      }
    }
  }, true);
})();
