// words.js: the vocabulary matcher of consent.js and paywall.js. It is one
// expression whose value is re(list); Go passes it to each script as the
// script's second argument (consent.WordMatcherJS).
(function () {
  'use strict';
  const esc = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  function re(list) {
    // A word list as one case-insensitive pattern, built on first use: a
    // Unicode-aware /iu pattern of a hundred words takes tens of milliseconds
    // to compile. A test first looks for the words as plain substrings of the
    // lower-cased text (the pattern matches only where one occurs), so most
    // texts never reach the pattern.
    const ws = (list || []).filter(Boolean);
    const stems = ws.map(t => (t.endsWith('*') ? t.slice(0, -1) : t).toLowerCase().replace(/\s+/g, ' '));
    let rx = null;
    return {
      test(s) {
        const low = String(s || '').toLowerCase().replace(/\u017f/g, 's').replace(/\s+/g, ' ');
        if (!stems.some(w => low.includes(w))) return false;
        if (!rx) {
          const parts = ws.map(t => t.endsWith('*') ? esc(t.slice(0, -1)) : esc(t) + '(?![\\p{L}\\p{N}])');
          rx = new RegExp('(?<![\\p{L}\\p{N}])(?:' + parts.join('|') + ')', 'iu');
        }
        return rx.test(String(s || ''));
      },
    };
  }
  return re;
})()
