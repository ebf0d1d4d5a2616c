// consent.js: consent UI detection and acceptance, run by Page.Evaluate in
// the page's main world (the CMPs' globals live there) and in cross-site
// frames by Page.EvaluateInFrames. It is one function expression; Go calls it
// with {op, rules, words, ...} and re, the word matcher of words.js:
//   op "detect":  what is shown (one call, cheap on pages without a wall)
//   op "accept":  click the best accept button in the document, its open
//                 shadow roots and same-origin iframes, or list the
//                 cross-site frames that may hold the UI
//   op "frame":   click the accept button inside a cross-site CMP frame
//   op "settle":  wait until the DOM and the network are quiet
//   op "classify": score texts with the vocabulary (tests)
// Nothing here may throw to the caller: every DOM access that can fail on a
// hostile page is guarded.
(async function (cfg, re) {
  'use strict';
  const W = window, D = document;
  const VW = Math.max(W.innerWidth || 0, 1), VH = Math.max(W.innerHeight || 0, 1);
  const rules = cfg.rules || [];
  const words = cfg.words || {};

  // --- vocabulary --------------------------------------------------------
  const RE = {
    cookie: re(words.cookie), consent: re(words.consent), privacy: re(words.privacy),
    all: re(words.acceptAll), accept: re(words.accept), neg: re(words.negative),
  };
  const norm = s => String(s || '').replace(/\s+/g, ' ').trim();

  // --- DOM helpers -------------------------------------------------------
  const styles = new Map();
  function cs(el) {
    let s = styles.get(el);
    if (!s) {
      try { s = (el.ownerDocument.defaultView || W).getComputedStyle(el); } catch (e) { s = null; }
      s = s || {};
      styles.set(el, s);
    }
    return s;
  }
  function q(root, sel) {
    try { return root.querySelector(sel); } catch (e) { return null; }
  }
  function qa(root, sel) {
    try { return Array.from(root.querySelectorAll(sel)); } catch (e) { return []; }
  }
  function parentOf(el) {
    if (el.parentElement) return el.parentElement;
    const r = el.getRootNode && el.getRootNode();
    return r && r.host ? r.host : null;
  }
  function inside(el, root) {
    for (let e = el; e; e = parentOf(e)) if (e === root) return true;
    return false;
  }
  // box returns the visible part of el in its viewport, or null.
  function box(el) {
    if (!el || el.nodeType !== 1 || !el.getBoundingClientRect) return null;
    let r;
    try { r = el.getBoundingClientRect(); } catch (e) { return null; }
    if (r.width < 2 || r.height < 2) return null;
    try {
      if (el.checkVisibility) {
        if (!el.checkVisibility({visibilityProperty: true})) return null;
        // Transparent: hidden, unless it is fading in or out right now.
        if (!el.checkVisibility({opacityProperty: true}) && !fading(el)) return null;
      }
    } catch (e) { /* older engines */ }
    const v = el.ownerDocument.defaultView || W;
    const x0 = Math.max(0, r.left), y0 = Math.max(0, r.top);
    const x1 = Math.min(v.innerWidth || VW, r.right), y1 = Math.min(v.innerHeight || VH, r.bottom);
    if (x1 - x0 < 1 || y1 - y0 < 1) return null;
    return {x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0)};
  }
  // fading reports an opacity transition or animation running on el or an
  // ancestor (a CMP fading its UI in, or out after a click).
  function fading(el) {
    const doc = el.ownerDocument;
    try {
      if (!doc.getAnimations || doc.getAnimations().length === 0) return false;
    } catch (e) { return false; }
    for (let e = el; e; e = parentOf(e)) {
      let anims = [];
      try { anims = e.getAnimations(); } catch (err) { anims = []; }
      for (const a of anims) {
        if (a.playState !== 'running') continue;
        if (a.transitionProperty === 'opacity' || a.transitionProperty === 'all') return true;
        if (a.effect && a.effect.getKeyframes && a.effect.getKeyframes().some(k => 'opacity' in k)) return true;
      }
    }
    return false;
  }
  const area = b => b ? b.w * b.h : 0;
  // uiBox returns the largest visible box of root or of its descendants
  // (open shadow roots included): a CMP wrapper often has no size of its own
  // and fixed children.
  function uiBox(root) {
    let best = null, n = 0;
    const stack = [root];
    while (stack.length && n++ < 800) {
      const el = stack.pop();
      if (el.nodeType === 1) {
        if (cs(el).display === 'none') continue;
        const b = box(el);
        if (b && area(b) >= 6000) {
          if (area(b) > area(best)) best = b;
          continue;
        }
        if (el.shadowRoot) stack.push(...el.shadowRoot.children);
      }
      for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
    }
    return best;
  }
  // deepText is the rendered text of el and of the open shadow roots in it.
  function deepText(el, max) {
    let t = '';
    try { t = el.innerText || ''; } catch (e) { t = ''; }
    if (t.length >= max) return t.slice(0, max);
    const hosts = el.shadowRoot ? [el] : [];
    if (el.querySelectorAll) {
      const all = el.getElementsByTagName('*');
      for (let i = 0; i < all.length && i < 3000; i++) if (all[i].shadowRoot) hosts.push(all[i]);
    }
    for (const h of hosts) {
      for (const c of h.shadowRoot.children) {
        if (t.length >= max) break;
        let s = '';
        try { s = c.innerText || ''; } catch (e) { s = ''; }
        if (!s && c.shadowRoot) s = deepText(c, max - t.length);
        t += ' ' + s;
      }
    }
    return t.slice(0, max);
  }
  // Every open shadow root and same-origin iframe document, the document
  // first. Bounded walk.
  function allRoots(doc) {
    const out = [doc];
    for (let i = 0; i < out.length && i < 200; i++) {
      const root = out[i];
      let walker;
      try { walker = (root.ownerDocument || root).createTreeWalker(root, 1); } catch (e) { continue; }
      let n = 0;
      for (let el = walker.nextNode(); el && n < 60000; el = walker.nextNode(), n++) {
        if (el.shadowRoot) out.push(el.shadowRoot);
        if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
          let d = null;
          try { d = el.contentDocument; } catch (e) { d = null; }
          if (d && d.documentElement) out.push(d);
        }
      }
    }
    return out;
  }
  const CLICKABLE = 'button, a, [role="button"], input[type="button"], input[type="submit"], [class*="btn"], [class*="button"], [onclick]';
  function clickables(root) {
    const out = [];
    const stack = [root];
    while (stack.length && out.length < 500) {
      const r = stack.pop();
      if (r.nodeType === 1 && r.matches && (() => { try { return r.matches(CLICKABLE); } catch (e) { return false; } })()) out.push(r);
      for (const el of qa(r, CLICKABLE)) { out.push(el); if (out.length >= 500) break; }
      if (r.shadowRoot) stack.push(r.shadowRoot);
      for (const el of qa(r, '*')) if (el.shadowRoot) stack.push(el.shadowRoot);
    }
    return out;
  }
  function label(el) {
    let t = '';
    try { t = el.innerText || ''; } catch (e) { t = ''; }
    if (!norm(t)) t = el.value || (el.getAttribute && (el.getAttribute('aria-label') || el.getAttribute('title'))) || el.textContent || '';
    return norm(t);
  }
  function acceptScore(el) {
    const t = label(el);
    if (!t || t.length > 60 || RE.neg.test(t)) return 0;
    if (RE.all.test(t)) return 3;
    if (RE.accept.test(t)) return 2;
    return 0;
  }
  function bestAccept(root, visibleOnly) {
    let best = null, score = 0;
    for (const el of clickables(root)) {
      const s = acceptScore(el);
      if (s > score && (!visibleOnly || box(el))) { best = el; score = s; }
    }
    return best;
  }
  function consentScore(el, text) {
    const c = RE.cookie.test(text), k = RE.consent.test(text);
    if (!c && !k) return 0;
    let s = (c ? 2 : 0) + (k ? 2 : 0) + (RE.privacy.test(text) ? 1 : 0);
    if (bestAccept(el, true)) s += 2;
    return s;
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
    let path = parts.join(' > ');
    const r = el.getRootNode && el.getRootNode();
    if (r && r.host) path = cssPath(r.host) + ' >>> ' + path;
    else if (el.ownerDocument !== D) {
      const f = el.ownerDocument.defaultView && el.ownerDocument.defaultView.frameElement;
      if (f) path = cssPath(f) + ' >>> ' + path;
    }
    return path;
  }
  function click(el) {
    try { el.scrollIntoView({block: 'center'}); } catch (e) { /* ignore */ }
    if (typeof el.click === 'function') el.click();
    else el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: W}));
  }

  // --- IAB APIs ----------------------------------------------------------
  function ping(api) {
    return new Promise(resolve => {
      const t = setTimeout(() => resolve(null), 300);
      const done = v => { clearTimeout(t); resolve(v && typeof v === 'object' ? v : null); };
      try {
        if (api === 'tcf' && typeof W.__tcfapi === 'function') {
          W.__tcfapi('ping', 2, d => done(d));
        } else if (api === 'gpp' && typeof W.__gpp === 'function') {
          const r = W.__gpp('ping', d => done(d));
          if (r && typeof r === 'object' && r.cmpDisplayStatus) done(r);
        } else done(null);
      } catch (e) { done(null); }
    });
  }

  // --- detection ---------------------------------------------------------
  const GRID_X = [0.03, 0.25, 0.5, 0.75, 0.97];
  const GRID_Y = [0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.98];
  function hitAt(doc, x, y) {
    let root = doc, el = null;
    for (let i = 0; i < 8; i++) {
      let e = null;
      try { e = root.elementFromPoint(x, y); } catch (err) { e = null; }
      if (!e || e === el) break;
      el = e;
      if (!e.shadowRoot) break;
      root = e.shadowRoot;
    }
    return el;
  }
  function overlayish(el) {
    const s = cs(el);
    if (s.position === 'fixed' || s.position === 'sticky') return true;
    if (el.tagName === 'DIALOG' && el.open) return true;
    const role = el.getAttribute && el.getAttribute('role');
    return role === 'dialog' || role === 'alertdialog' || (el.getAttribute && el.getAttribute('aria-modal') === 'true');
  }
  function overlayAncestors(el) {
    const out = [];
    for (let e = el; e && e !== D.body && e !== D.documentElement; e = parentOf(e)) if (overlayish(e)) out.push(e);
    return out;
  }

  // rendered-page signatures of each rule
  function vendorHits() {
    const urls = [];
    for (const s of qa(D, 'script[src], link[href], iframe[src]')) urls.push(String(s.src || s.href || '').toLowerCase());
    const found = [];
    for (const r of rules) {
      let hit = false;
      for (const sel of (r.containers || []).concat(r.markers || [])) if (!hit && q(D, sel)) hit = true;
      for (const p of (r.scripts || []).concat(r.frames || [])) if (!hit && urls.some(u => u.includes(p.toLowerCase()))) hit = true;
      for (const g of r.globals || []) {
        if (hit) break;
        try { if (g in W && W[g] != null) hit = true; } catch (e) { /* getter threw */ }
      }
      if (hit) found.push(r.vendor);
    }
    return found;
  }

  // shownVendorUI returns the first rule whose UI is visible, with its
  // element and box.
  function shownVendorUI() {
    for (const r of rules) {
      for (const sel of r.containers || []) {
        for (const el of qa(D, sel)) {
          const b = uiBox(el);
          if (b) return {rule: r, el, box: b, sel};
        }
      }
    }
    // a rule's cross-site frame, visible in the page
    for (const f of qa(D, 'iframe[src]')) {
      const src = String(f.src).toLowerCase();
      const r = rules.find(r => (r.frames || []).some(p => src.includes(p.toLowerCase())));
      if (!r) continue;
      const b = box(f);
      if (b && area(b) >= 6000) return {rule: r, el: f, box: b, sel: 'iframe[src*="' + (r.frames[0]) + '"]'};
    }
    return null;
  }

  // generic candidates: overlay-like elements under a grid of viewport
  // points, and open dialogs, whose text is about consent.
  function genericUI(doc) {
    const cands = new Map();
    for (const fx of GRID_X) for (const fy of GRID_Y) {
      const hit = hitAt(doc, fx * VW, fy * VH);
      if (!hit) continue;
      for (const a of overlayAncestors(hit).slice(0, 4)) cands.set(a, true);
    }
    for (const d of qa(doc, 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]')) cands.set(d, true);
    let best = null;
    for (const el of cands.keys()) {
      const b = uiBox(el);
      if (!b) continue;
      const text = deepText(el, 8000);
      if (text.length < 15 || text.length >= 8000) continue;
      const score = consentScore(el, text);
      if (score >= 4 && (!best || score > best.score || (score === best.score && area(b) > area(best.box)))) {
        best = {el, box: b, score, text};
      }
    }
    return best;
  }

  // coverage is the share of grid points whose top element belongs to ui or
  // to a text-less fixed overlay (a backdrop) over most of the viewport.
  function coverage(ui) {
    let n = 0, hit = 0;
    for (const fx of GRID_X) for (const fy of GRID_Y) {
      n++;
      const el = hitAt(D, fx * VW, fy * VH);
      if (!el) continue;
      if (inside(el, ui)) { hit++; continue; }
      for (const a of overlayAncestors(el)) {
        const b = box(a);
        if (b && area(b) >= 0.6 * VW * VH && norm(a.textContent).length < 200) { hit++; break; }
      }
    }
    return n ? hit / n : 0;
  }
  function scrollLocked() {
    const hs = cs(D.documentElement), bs = D.body ? cs(D.body) : {};
    const hidden = v => v === 'hidden' || v === 'clip';
    const locked = hidden(hs.overflowY) || hidden(bs.overflowY) || bs.position === 'fixed';
    const tall = Math.max(D.documentElement.scrollHeight, D.body ? D.body.scrollHeight : 0) > VH * 1.2;
    return locked && tall;
  }
  // contentHidden: the page holds text but shows almost none of it next to
  // the UI, or its main blocks are blurred.
  function contentHidden(ui) {
    if (!D.body) return false;
    let shown = 0, mine = 0, held = 0;
    try { shown = norm(D.body.innerText).length; } catch (e) { shown = 0; }
    try { mine = inside(ui, D.body) ? norm(ui.innerText).length : 0; } catch (e) { mine = 0; }
    const walker = D.createTreeWalker(D.body, 4);
    for (let t = walker.nextNode(), n = 0; t && n < 20000 && held < 5000; t = walker.nextNode(), n++) {
      const p = t.parentElement;
      if (p && !/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(p.tagName) && !inside(p, ui)) held += norm(t.nodeValue).length;
    }
    if (held >= 500 && shown - mine < 200) return true;
    for (const el of Array.from(D.body.children).slice(0, 50)) {
      if (inside(ui, el)) continue;
      const f = cs(el).filter || '';
      if (f.includes('blur') && box(el)) return true;
    }
    return false;
  }

  async function detect() {
    const out = {vendors: vendorHits(), shown: false, wall: false, rule: '', detail: '', coverage: 0, scroll_locked: false};
    let ui = shownVendorUI();
    let how = '';
    if (ui) {
      how = ui.rule.vendor + ': ' + ui.sel + ' is visible';
    } else {
      const g = genericUI(D);
      if (g) {
        ui = {rule: {vendor: 'generic'}, el: g.el, box: g.box};
        how = 'generic: ' + cssPath(g.el) + ' (' + (g.el.getAttribute('role') || cs(g.el).position || '') + ') reads as a consent notice';
      }
    }
    let apiShown = '';
    for (const r of rules) {
      if (!r.api || !out.vendors.includes(r.vendor)) continue;
      const p = await ping(r.api);
      const st = p && (p.displayStatus || p.cmpDisplayStatus);
      if (st === 'visible') { apiShown = r.vendor; break; }
    }
    if (!ui && !apiShown) return out;
    out.shown = true;
    if (ui) {
      out.rule = ui.rule.vendor;
      out.coverage = Math.round(coverage(ui.el) * 100) / 100;
      out.scroll_locked = scrollLocked();
      const hides = contentHidden(ui.el);
      out.wall = out.coverage >= 0.5 || out.scroll_locked || hides;
      const bits = [how, 'box ' + ui.box.w + 'x' + ui.box.h + ' at ' + ui.box.x + ',' + ui.box.y,
        'covers ' + Math.round(out.coverage * 100) + '% of the viewport'];
      if (out.scroll_locked) bits.push('scrolling is locked');
      if (hides) bits.push('the page content is hidden');
      if (apiShown) bits.push(apiShown + ' ping: UI visible');
      out.detail = bits.join('; ');
    } else {
      out.rule = apiShown;
      out.detail = apiShown + ' ping: UI visible (not found in the page: it may be in a cross-site frame)';
    }
    return out;
  }

  // --- acceptance --------------------------------------------------------
  function acceptInDocument() {
    const skip = new Set(cfg.skip || []);
    const present = new Set(vendorHits());
    const roots = allRoots(D);
    const ui = shownVendorUI();
    const order = rules.filter(r => present.has(r.vendor));
    if (ui && order[0] !== ui.rule) order.unshift(ui.rule);
    // 1. the accept button of a rule whose vendor is on the page
    for (const r of order) {
      for (const sel of r.accept || []) {
        if (skip.has(sel)) continue;
        for (const root of roots) {
          const el = qa(root, sel).find(e => box(e));
          if (el) {
            click(el);
            return {clicked: true, rule: r.vendor, selector: sel, text: label(el).slice(0, 120), path: cssPath(el)};
          }
        }
      }
    }
    // 2. the generic accept button inside the shown UI, a consent overlay
    // or dialog of any root, or a same-origin frame that reads as consent
    const scopes = [];
    if (ui && ui.el.tagName !== 'IFRAME') scopes.push([ui.rule.vendor, ui.el]);
    for (const root of roots) {
      const doc = root.nodeType === 9 ? root : null;
      if (doc) {
        const g = genericUI(doc);
        if (g) scopes.push(['generic', g.el]);
      }
      for (const d of qa(root, 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]')) {
        if (!box(d)) continue;
        const text = deepText(d, 8000);
        if (text.length < 8000 && consentScore(d, text) >= 4) scopes.push(['generic', d]);
      }
      if (doc && doc !== D && doc.body) {
        const text = deepText(doc.body, 8000);
        if (text.length < 8000 && consentScore(doc.body, text) >= 4) scopes.push(['generic', doc.body]);
      }
    }
    for (const [rule, scope] of scopes) {
      let best = null, score = 0;
      for (const el of clickables(scope)) {
        const s = acceptScore(el);
        if (s <= score || !box(el)) continue;
        const path = cssPath(el);
        if (skip.has(path)) continue;
        best = el; score = s;
      }
      if (best) {
        const path = cssPath(best);
        click(best);
        return {clicked: true, rule, selector: path, text: label(best).slice(0, 120), path};
      }
    }
    // 3. cross-site frames that may hold the UI
    const frames = [];
    for (const f of qa(D, 'iframe[src]')) {
      let same = false;
      try { same = !!f.contentDocument; } catch (e) { same = false; }
      if (same) continue;
      const src = String(f.src);
      if (!/^https?:/i.test(src)) continue;
      const b = box(f);
      if (!b) continue;
      const byRule = rules.some(r => (r.frames || []).some(p => src.toLowerCase().includes(p.toLowerCase())));
      const inUI = ui && inside(f, ui.el);
      const overlay = overlayAncestors(f).length > 0 && area(b) >= 0.1 * VW * VH;
      if (byRule || inUI || overlay) frames.push(src);
    }
    return {clicked: false, frames};
  }

  function acceptInFrame() {
    const skip = new Set(cfg.skip || []);
    const roots = allRoots(D);
    for (const r of rules) {
      for (const sel of (r.frameAccept || []).concat(r.accept || [])) {
        if (skip.has(sel)) continue;
        for (const root of roots) {
          const el = qa(root, sel).find(e => box(e));
          if (el) {
            click(el);
            return {clicked: true, rule: r.vendor, selector: sel, text: label(el).slice(0, 120), path: cssPath(el)};
          }
        }
      }
    }
    const text = D.body ? deepText(D.body, 20000) : '';
    if (!RE.cookie.test(text) && !RE.consent.test(text)) return {clicked: false};
    let best = null, score = 0;
    for (const el of clickables(D)) {
      const s = acceptScore(el);
      if (s > score && box(el) && !skip.has(cssPath(el))) { best = el; score = s; }
    }
    if (!best) return {clicked: false};
    const path = cssPath(best);
    click(best);
    return {clicked: true, rule: 'generic', selector: path, text: label(best).slice(0, 120), path};
  }

  // settle waits until the document is complete, the consent UI is gone
  // and neither the DOM nor the resource list changed for quiet ms; at
  // most max ms. CMPs often remove their UI after an animation, some of
  // them most of a second after the click.
  function settle(quiet, max) {
    return new Promise(resolve => {
      const start = performance.now();
      let last = start, checked = 0, shown = true;
      let mo = null;
      try {
        mo = new MutationObserver(() => { last = performance.now(); });
        mo.observe(D, {subtree: true, childList: true, attributes: true, characterData: true});
      } catch (e) { mo = null; }
      const count = () => { try { return performance.getEntriesByType('resource').length; } catch (e) { return 0; } };
      let n = count();
      const tick = () => {
        const now = performance.now();
        const c = count();
        if (c !== n) { n = c; last = now; }
        if (shown && now - checked >= 150) {
          checked = now;
          styles.clear();
          try { shown = !!(shownVendorUI() || genericUI(D)); } catch (e) { shown = false; }
        }
        if ((D.readyState === 'complete' && !shown && now - last >= quiet) || now - start >= max) {
          if (mo) mo.disconnect();
          resolve({waited: Math.round(now - start), shown});
        } else setTimeout(tick, 50);
      };
      setTimeout(tick, 50);
    });
  }

  // classify scores notices (consent vocabulary, without the button bonus)
  // and button labels, for the vocabulary tests.
  function classify() {
    return (cfg.texts || []).map(t => {
      if (t.kind === 'button') {
        const el = D.createElement('button');
        el.textContent = t.text;
        return acceptScore(el);
      }
      return consentScore(D.createElement('div'), t.text);
    });
  }

  switch (cfg.op) {
    case 'classify': return classify();
    case 'detect': return await detect();
    case 'accept': return acceptInDocument();
    case 'frame': return acceptInFrame();
    case 'settle': return await settle(cfg.quiet || 500, cfg.max || 3000);
  }
  return null;
})
