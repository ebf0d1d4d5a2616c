// paywall.js: paywall evidence in a rendered page, run by Page.Evaluate in
// the page's main world (the vendors' globals live there). It is one function
// expression; Go calls it with {op, ...} and re, the word matcher of
// consent/words.js:
//   op "detect":  vendors, the subscribe prompt and what it does to the
//                 content around it, and which raw paragraphs are not shown
//   op "inGated": whether the element at a linkproof selector (" >>> "
//                 enters a shadow root or an iframe) is inside one of the
//                 gated selectors
// Nothing here may throw to the caller.
(function (cfg, re) {
  'use strict';
  const W = window, D = document;
  const norm = s => String(s || '').replace(/\s+/g, ' ').trim();
  const squash = s => String(s || '').replace(/\s+/g, '').toLowerCase();
  function q(root, sel) { try { return root.querySelector(sel); } catch (e) { return null; } }
  function qa(root, sel) { try { return Array.from(root.querySelectorAll(sel)); } catch (e) { return []; } }
  function cs(el, pseudo) {
    try { return (el.ownerDocument.defaultView || W).getComputedStyle(el, pseudo || null) || {}; } catch (e) { return {}; }
  }
  function visible(el) {
    if (!el || el.nodeType !== 1) return false;
    let r;
    try { r = el.getBoundingClientRect(); } catch (e) { return false; }
    if (r.width < 2 || r.height < 2) return false;
    try {
      if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    } catch (e) { /* older engines */ }
    return true;
  }
  function cssPath(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 6; e = e.parentElement) {
      if (e.id && /^[A-Za-z][\w-]*$/.test(e.id)) { parts.unshift('#' + e.id); break; }
      let p = e.tagName.toLowerCase();
      const parent = e.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter(c => c.tagName === e.tagName);
        if (same.length > 1) p += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
      }
      parts.unshift(p);
    }
    return parts.join(' > ');
  }

  function inGated() {
    const parts = String(cfg.selector || '').split(' >>> ');
    let root = D;
    const chain = [];
    for (const part of parts) {
      if (!root) return false;
      const el = q(root, part);
      if (!el) return false;
      chain.push(el);
      let next = el.shadowRoot || null;
      if (!next && (el.tagName === 'IFRAME' || el.tagName === 'FRAME')) {
        try { next = el.contentDocument; } catch (e) { next = null; }
      }
      root = next;
    }
    for (const el of chain) {
      for (const g of cfg.gated || []) {
        try { if (el.closest(g)) return true; } catch (e) { /* invalid selector */ }
      }
    }
    return false;
  }

  function detect() {
    const words = cfg.words || {};
    const RE = {
      gate: re(words.gate), sub: re(words.subscribe), news: re(words.newsletter), consent: re(cfg.consent), comments: re(words.comments),
      trig: re((words.gate || []).concat(words.subscribe || [])),
    };
    const out = {vendors: [], prompt: '', promptPath: '', strong: false, total: 0, missing: 0, removed: 0,
      missingNear: false, fade: '', truncated: '', blurred: '', hiddenNext: '', vendorUI: ''};
    if (!D.body) return out;

    // vendors
    const urls = qa(D, 'script[src], link[href], iframe[src]').map(s => String(s.src || s.href || '').toLowerCase());
    for (const v of cfg.vendors || []) {
      let hit = (v.scripts || []).some(p => urls.some(u => u.includes(p.toLowerCase())));
      for (const g of v.globals || []) {
        if (hit) break;
        try {
          let o = W;
          for (const k of g.split('.')) o = o == null ? undefined : o[k];
          if (o != null) hit = true;
        } catch (e) { /* getter threw */ }
      }
      if (!hit) hit = (v.containers || []).some(sel => q(D, sel));
      if (hit) out.vendors.push(v.name);
    }

    // the prompt: a visible block of at most 800 characters, outside the
    // page header, navigation and footer, that asks to subscribe
    const outside = el => !el.closest('header, nav, footer, [role="navigation"], [role="banner"], [role="contentinfo"]');
    const linkShare = el => {
      let n = 0;
      for (const a of qa(el, 'a[href]')) n += norm(a.innerText).length;
      if (el.closest('a[href]')) return 1;
      return n / Math.max(1, norm(el.innerText).length);
    };
    const judge = el => {
      const t = norm(el.innerText);
      if (!t || t.length > 800 || RE.consent.test(t) || RE.comments.test(t)) return 0;
      // a teaser card of another article, labelled for subscribers
      if (linkShare(el) > 0.5) return 0;
      if (RE.gate.test(t)) return 2;
      if (RE.sub.test(t) && !RE.news.test(t) && t.length >= 40) return 1;
      return 0;
    };
    let prompt = null, score = 0;
    const consider = el => {
      let best = null, bestScore = 0;
      for (let e = el, i = 0; e && e !== D.body && i < 5; e = e.parentElement, i++) {
        let t = '';
        try { t = e.innerText || ''; } catch (err) { t = ''; }
        if (t.length > 1600) break;
        const s = judge(e);
        if (s > bestScore) { best = e; bestScore = s; }
      }
      if (best && bestScore > score && visible(best) && outside(best)) { prompt = best; score = bestScore; }
    };
    for (const v of cfg.vendors || []) {
      for (const sel of v.containers || []) {
        for (const el of qa(D, sel).slice(0, 5)) {
          if (!visible(el)) continue;
          if (judge(el)) consider(el);
          else if (!out.vendorUI && qa(el, 'iframe').some(f => { const r = f.getBoundingClientRect(); return r.width * r.height >= 20000; })) {
            out.vendorUI = v.name + ': ' + cssPath(el);
          }
        }
      }
    }
    // Each text node that asks to subscribe; the whole text says whether any can.
    const walker = D.createTreeWalker(D.body, 4);
    let n = 0;
    const any = RE.trig.test(D.body.textContent);
    for (let t = any && walker.nextNode(); t && n < 50000 && score < 2; t = walker.nextNode(), n++) {
      const s = t.nodeValue;
      if (!s || s.length < 3 || !RE.trig.test(s)) continue;
      const el = t.parentElement;
      if (!el || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|OPTION)$/.test(el.tagName)) continue;
      consider(el);
    }
    if (prompt) {
      out.prompt = norm(prompt.innerText).slice(0, 200);
      out.promptPath = cssPath(prompt);
      out.strong = score >= 2;
    }

    // raw paragraphs that the rendered page does not show
    const shown = squash(D.body.innerText);
    const present = squash(D.body.textContent);
    const keys = [], missingKeys = [];
    for (const p of cfg.paragraphs || []) {
      const s = squash(p);
      if (s.length < 30) continue;
      const at = Math.min(10, s.length - 30);
      const key = s.slice(at, at + 50);
      keys.push(key);
      out.total++;
      if (!shown.includes(key)) {
        out.missing++;
        missingKeys.push(key);
        if (!present.includes(key)) out.removed++;
      }
    }
    // holdsRaw: el holds text of the raw article (any text when the raw
    // HTML gave no paragraphs)
    const holdsRaw = (el, list) => {
      const t = squash(el.textContent);
      if (!keys.length) return t.length > 200;
      return (list || keys).some(k => t.includes(k));
    };
    // close: a and b sit in the same block, at most 4 levels up from a
    const close = (a, b) => {
      for (let e = a, i = 0; e && e !== D.body && i < 5; e = e.parentElement, i++) if (e.contains(b)) return true;
      return false;
    };

    const anchor = prompt || (out.vendorUI ? q(D, out.vendorUI.slice(out.vendorUI.indexOf(': ') + 2)) : null);
    if (!anchor) return out;

    // The missing paragraphs count when the prompt stands where they were:
    // after the last raw paragraph still shown, or next to the hidden ones,
    // or (all removed) inside the article.
    if (out.missing) {
      let lastShown = null, hiddenNear = false;
      for (const el of qa(D.body, 'p, li, blockquote, div, section')) {
        if (el.childElementCount > 8) continue;
        const t = squash(el.textContent);
        if (t.length < 30 || t.length > 3000) continue;
        if (visible(el)) {
          if (keys.some(k => t.includes(k))) lastShown = el;
        } else if (!hiddenNear && missingKeys.some(k => t.includes(k)) && close(el, anchor)) {
          hiddenNear = true;
        }
      }
      const after = lastShown && (lastShown.compareDocumentPosition(anchor) & 4) && close(lastShown, anchor);
      const inArticle = !lastShown && !!anchor.closest('article, main, [itemprop="articleBody"], [role="main"]');
      out.missingNear = !!(after || hiddenNear || inArticle);
    }

    // what the prompt does to the article before it: a fade, a truncated
    // or blurred container, hidden content
    const near = [];
    for (let e = anchor, i = 0; e && e !== D.body && i < 4; e = e.parentElement, i++) {
      near.push(e);
      let s = e.previousElementSibling;
      for (let j = 0; s && j < 3; j++, s = s.previousElementSibling) near.push(s);
    }
    const inert = el => /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|LINK|META|svg)$/i.test(el.tagName);
    for (const el of near) {
      if (inert(el)) continue;
      const st = cs(el);
      const grad = v => String(v || '').includes('gradient');
      const before = el !== anchor && !el.contains(anchor);
      if (!out.fade) {
        if (grad(st.backgroundImage) && st.position !== 'static' && visible(el)) out.fade = cssPath(el);
        for (const ps of ['::before', '::after']) {
          const pst = cs(el, ps);
          if (!out.fade && pst.content && pst.content !== 'none' && grad(pst.backgroundImage)) out.fade = cssPath(el) + ps;
        }
      }
      if (!out.truncated && before && (st.overflowY === 'hidden' || st.overflowY === 'clip') &&
          el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 50 && holdsRaw(el)) {
        out.truncated = cssPath(el);
      }
      if (!out.blurred && before) {
        for (const c of [el].concat(Array.from(el.children).slice(0, 20))) {
          if (String(cs(c).filter || '').includes('blur') && holdsRaw(c)) { out.blurred = cssPath(c); break; }
        }
      }
      if (!out.hiddenNext && before && !visible(el) && holdsRaw(el, missingKeys.length ? missingKeys : null)) {
        out.hiddenNext = cssPath(el);
      }
    }
    return out;
  }

  switch (cfg.op) {
    case 'detect': return detect();
    case 'inGated': return inGated();
  }
  return null;
})
