// extract.js runs in linkproof's isolated world (see state.go, worldName):
// it shares the DOM with the page but not its JavaScript globals, so the
// page can neither see nor break it. Page.addScriptToEvaluateOnNewDocument
// runs it at the start of every document; it installs globalThis.__linkproof
// once. Go calls probe(), scroll() and extract() on it; screenshot.go calls
// mark() and unmark(). Every walk is linear in the size of the document.
(() => {
  if (globalThis.__linkproof) return;

  const st = {
    lastMutation: performance.now(), // when the DOM last changed
    before: null, // WeakSet of candidate elements present before scrolling
    lazy: new WeakSet(), // candidates that appeared while scrolling
    marked: null, // the element outlined by mark(), and its old styles
  };

  // Count DOM mutations from the start of the document, for settling.
  try {
    new MutationObserver(() => {
      st.lastMutation = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  } catch (e) {}

  const MAX_DEPTH = 12; // nested shadow roots and iframes followed

  // Memos of one pass over the document; fresh() drops them, as the DOM and
  // the styles change between passes.
  let pathMemo, nthMemo, clipMemo;
  const fresh = () => {
    pathMemo = new WeakMap(); // element -> selector within its root
    nthMemo = new WeakMap(); // parent -> Map(child -> [index, count])
    clipMemo = new WeakMap(); // element -> clips itself away
  };
  fresh();
  const COVER_LIMIT = 200; // visible links checked for being covered
  const TEXT_LIMIT = 300;

  // ---- URLs -------------------------------------------------------------

  const resolveURL = (raw, doc) => {
    try {
      return new URL(raw.trim(), doc.baseURI).href;
    } catch (e) {
      return "";
    }
  };
  const isHTTP = (u) => /^https?:/i.test(u);
  // A quoted URL after location=, location.href=, location.assign/replace(,
  // window.open( or open(; else any quoted absolute URL or root-relative path.
  const NAV_RE = /(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\s*\(|open\s*\()\s*(['"`])\s*([^'"`\s][^'"`]*?)\s*\1/i;
  const QUOTED_RE = /(['"`])((?:https?:)?\/\/[^'"`\s]+|\/[^'"`\s]*)\1/i;
  const urlInJS = (code) => {
    let m = NAV_RE.exec(code);
    if (m && !/^javascript:/i.test(m[2])) return m[2];
    m = QUOTED_RE.exec(code);
    return m ? m[2] : "";
  };
  const decodeJS = (s) => {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s;
    }
  };
  // data-* attributes that name images, styles and the like, not pages.
  const DATA_SKIP = /src|img|image|bg|background|poster|icon|thumb|logo|avatar|sizes|style|css|font|video|audio|script|json|api|endpoint|sprite|lazy/;
  const DATA_URL = /^(?:https?:\/\/\S+|\/\/[^\s/]+\.\S+|\/(?!\/)\S*)$/i;
  const DATA_SKIP_TAGS = new Set(["img", "source", "video", "audio", "picture", "script", "link", "iframe", "frame", "track", "embed", "object", "style", "meta"]);

  // candidates returns the links an element carries, as [kind, href, raw]
  // triples, reading its attributes in one pass; most elements have none.
  const candidates = (el, doc) => {
    const attrs = el.attributes;
    const tag = el.localName;
    if (attrs.length === 0) return null;
    let href = null, onclick = null, formaction = null, action = null, data = null;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i];
      const name = a.name;
      if (name === "href" || name === "xlink:href") {
        if (href === null) href = a.value;
      } else if (name === "onclick") onclick = a.value;
      else if (name === "formaction") formaction = a.value;
      else if (name === "action") action = a.value;
      else if (name.length > 5 && name.charCodeAt(0) === 100 && name.startsWith("data-") && !DATA_SKIP.test(name)) {
        (data || (data = [])).push(a.value);
      }
    }
    if (href === null && onclick === null && formaction === null && action === null && data === null) return null;
    const out = [];
    let crawlable = "";
    if (href !== null && (tag === "a" || tag === "area")) {
      if (/^\s*javascript:/i.test(href)) {
        const u = urlInJS(decodeJS(href));
        const abs = u && resolveURL(u, doc);
        if (abs && isHTTP(abs)) out.push(["javascript", abs, href]);
      } else if (!/^\s*#/.test(href)) {
        // A fragment-only href stays on the page: it is no link.
        const abs = resolveURL(href, doc);
        if (isHTTP(abs)) {
          out.push(["a", abs, href]);
          crawlable = abs;
        }
      }
    }
    const isButton = tag === "button" || (tag === "input" && /^(submit|button|image)$/i.test(el.getAttribute("type") || ""));
    if (onclick) {
      const u = urlInJS(onclick);
      const abs = u && resolveURL(u, doc);
      if (abs && isHTTP(abs) && abs !== crawlable) out.push([isButton ? "button" : "onclick", abs, u]);
    }
    if (isButton && formaction && formaction.trim()) {
      const abs = resolveURL(formaction, doc);
      if (isHTTP(abs)) out.push(["button", abs, formaction]);
    }
    if (tag === "form" && action && action.trim()) {
      const abs = resolveURL(action, doc);
      if (isHTTP(abs)) out.push(["form", abs, action]);
    }
    if (data && !DATA_SKIP_TAGS.has(tag)) {
      for (const raw of data) {
        const v = raw.trim();
        if (!v || v.length > 2048 || !DATA_URL.test(v)) continue;
        const abs = resolveURL(v, doc);
        if (!isHTTP(abs) || abs === crawlable || out.some((c) => c[1] === abs)) continue;
        out.push(["data", abs, v]);
      }
    }
    return out.length ? out : null;
  };

  // ---- walking ----------------------------------------------------------

  // A scope is a document or shadow root being walked: root, the selector
  // prefix of its host or iframe, whether it is in a shadow root or iframe,
  // the page offset of its viewport (iframes) and an inherited hidden reason.
  const topScope = () => ({
    root: document,
    doc: document,
    prefix: "",
    shadow: false,
    iframe: false,
    frames: [], // iframe elements from the top document down
    ox: scrollX,
    oy: scrollY,
    hidden: "",
    depth: 0,
  });

  // walk calls visit(el, scope, found) for every element with candidate
  // links, in document order, entering open shadow roots and same-origin
  // iframes. querySelectorAll("*") does not enter <template> contents.
  const walk = (scope, visit) => {
    const all = scope.root.querySelectorAll("*");
    for (let i = 0; i < all.length; i++) {
      const el = all[i];
      const found = candidates(el, scope.doc);
      if (found) visit(el, scope, found);
      if (scope.depth >= MAX_DEPTH) continue;
      if (el.shadowRoot) {
        walk(
          {
            root: el.shadowRoot,
            doc: scope.doc,
            prefix: scope.prefix + selectorOf(el) + " >>> ",
            shadow: true,
            iframe: scope.iframe,
            frames: scope.frames,
            ox: scope.ox,
            oy: scope.oy,
            hidden: scope.hidden,
            depth: scope.depth + 1,
          },
          visit,
        );
      }
      const tag = el.localName;
      if (tag === "iframe" || tag === "frame") {
        let d = null;
        try {
          d = el.contentDocument;
        } catch (e) {}
        if (!d || !d.documentElement) continue;
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        walk(
          {
            root: d,
            doc: d,
            prefix: scope.prefix + selectorOf(el) + " >>> ",
            shadow: scope.shadow,
            iframe: true,
            frames: scope.frames.concat([el]),
            ox: scope.ox + r.left + el.clientLeft + (parseFloat(cs.paddingLeft) || 0),
            oy: scope.oy + r.top + el.clientTop + (parseFloat(cs.paddingTop) || 0),
            hidden: scope.hidden || hiddenReason(el, boxOf(el, scope)),
            depth: scope.depth + 1,
          },
          visit,
        );
      }
    }
  };

  // ---- geometry and visibility -------------------------------------------

  // boxOf returns the element's box in page coordinates. An inline link
  // around a block or floated child has an empty box of its own: the box of
  // its children is used then.
  const boxOf = (el, scope) => {
    let r = el.getBoundingClientRect();
    let x1 = r.left, y1 = r.top, x2 = r.right, y2 = r.bottom;
    if ((r.width === 0 || r.height === 0) && el.firstElementChild) {
      const kids = el.getElementsByTagName("*");
      let seen = false;
      for (let i = 0; i < kids.length && i < 50; i++) {
        const k = kids[i].getBoundingClientRect();
        if (k.width === 0 || k.height === 0) continue;
        if (!seen) {
          x1 = k.left; y1 = k.top; x2 = k.right; y2 = k.bottom;
          seen = true;
        } else {
          x1 = Math.min(x1, k.left); y1 = Math.min(y1, k.top);
          x2 = Math.max(x2, k.right); y2 = Math.max(y2, k.bottom);
        }
      }
    }
    return { x: x1 + scope.ox, y: y1 + scope.oy, w: x2 - x1, h: y2 - y1 };
  };

  // The element that shows an <area>: the <img> that uses its map.
  const shownBy = (el) => {
    if (el.localName !== "area") return el;
    const map = el.closest("map");
    if (!map || !map.name) return null;
    const root = el.getRootNode();
    return root.querySelector('img[usemap="#' + CSS.escape(map.name) + '"], object[usemap="#' + CSS.escape(map.name) + '"]');
  };

  const tinyClip = (cs) => {
    if (cs.clip && cs.clip !== "auto" && (cs.position === "absolute" || cs.position === "fixed")) {
      const n = cs.clip.match(/-?[\d.]+/g);
      if (n && n.length === 4) {
        const [top, right, bottom, left] = n.map(Number);
        if (right - left <= 1 || bottom - top <= 1) return true;
      }
    }
    const cp = cs.clipPath;
    if (cp && cp !== "none") {
      if (/inset\(\s*(50|100)%/.test(cp) || /(circle|ellipse)\(\s*0(px|%)?[\s)]/.test(cp)) return true;
    }
    return false;
  };

  const clippedSelf = (e) => {
    let v = clipMemo.get(e);
    if (v === undefined) {
      v = tinyClip(getComputedStyle(e));
      clipMemo.set(e, v);
    }
    return v;
  };
  // clipped reports whether el or one of its two nearest ancestors clips it
  // away (the "screen reader only" patterns).
  const clipped = (el) => {
    let e = el;
    for (let i = 0; e && i < 3; i++, e = e.parentElement) {
      if (clippedSelf(e)) return true;
    }
    return false;
  };

  // hiddenReason says why a visitor cannot see el, whose box is box: display,
  // visibility, opacity, clip, size or offpage; "" when it can (covered is
  // checked later, for the first links only). An <area> is judged by the
  // image that uses its map.
  const hiddenReason = (el, box) => {
    const shown = shownBy(el);
    if (!shown) return "display";
    const all = { visibilityProperty: true, checkVisibilityCSS: true, opacityProperty: true, checkOpacity: true };
    if (!shown.checkVisibility(all)) {
      if (!shown.checkVisibility()) return "display";
      if (!shown.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return "visibility";
      return "opacity";
    }
    if (clipped(shown)) return "clip";
    if (box.w < 2 || box.h < 2) return "size";
    if (box.x + box.w <= 0 || box.y + box.h <= 0) return "offpage";
    return "";
  };

  // linkBox is the box of what shows el: the element, or the image of an
  // <area>.
  const linkBox = (el, scope) => boxOf(shownBy(el) || el, scope);

  // overflowClipped reports whether an ancestor that clips its overflow (a
  // carousel, a collapsed menu, a scroll box) keeps the point (cx, cy), in
  // page coordinates, out of sight. It stays in el's document.
  const overflowClipped = (el, cx, cy, scope) => {
    const ox = scope.frames.length ? scope.ox : scrollX;
    const oy = scope.frames.length ? scope.oy : scrollY;
    const doc = el.ownerDocument;
    for (let e = el.parentElement || (el.parentNode && el.parentNode.host); e && e !== doc.body && e !== doc.documentElement; e = e.parentElement || (e.parentNode && e.parentNode.host)) {
      const cs = getComputedStyle(e);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const r = e.getBoundingClientRect();
      if (cx < r.left + ox || cx > r.right + ox || cy < r.top + oy || cy > r.bottom + oy) return true;
    }
    return false;
  };

  // coveredReason checks a link that looks visible: "clip" when a clipping
  // ancestor hides its centre, "covered" when another element is on top of
  // its centre (after scrolling the centre into the viewport), else "".
  const coveredReason = (el, scope, box) => {
    const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    if (overflowClipped(el, cx, cy, scope)) return "clip";
    if (getComputedStyle(el).pointerEvents === "none") return "";
    if (cx < scrollX || cx >= scrollX + innerWidth || cy < scrollY || cy >= scrollY + innerHeight) {
      scrollTo(Math.max(0, cx - innerWidth / 2), Math.max(0, cy - innerHeight / 2));
    }
    const vx = cx - scrollX, vy = cy - scrollY;
    if (vx < 0 || vy < 0 || vx >= innerWidth || vy >= innerHeight) return "";
    const inside = (hit, target) => !hit || hit === target || target.contains(hit);
    if (scope.frames.length === 0) {
      const root = el.getRootNode();
      const hit = (root.elementFromPoint ? root : document).elementFromPoint(vx, vy);
      return inside(hit, el) ? "" : "covered";
    }
    const hitTop = document.elementFromPoint(vx, vy);
    if (!inside(hitTop, scope.frames[0])) return "covered";
    const hit = el.getRootNode().elementFromPoint(cx - scope.ox, cy - scope.oy);
    return inside(hit, el) ? "" : "covered";
  };

  // ---- placement --------------------------------------------------------

  // The parent in the flat sense: parent element, shadow host, or the
  // iframe of a same-origin document.
  const up = (el) => {
    if (el.parentElement) return el.parentElement;
    const p = el.parentNode;
    if (p && p.host) return p.host;
    try {
      const v = el.ownerDocument.defaultView;
      return v && v.frameElement ? v.frameElement : null;
    } catch (e) {
      return null;
    }
  };

  const SECTIONING = new Set(["article", "aside", "main", "nav", "section"]);
  const SECTIONING_ROLES = new Set(["article", "complementary", "main", "navigation", "region"]);
  const inSectioning = (el) => {
    for (let e = up(el); e; e = up(e)) {
      if (SECTIONING.has(e.localName)) return true;
      const role = e.getAttribute("role");
      if (role && SECTIONING_ROLES.has(role.trim().toLowerCase())) return true;
    }
    return false;
  };

  // own returns the placement an element decides by itself, or "" to ask
  // its parent.
  const own = (e) => {
    const role = (e.getAttribute("role") || "").trim().toLowerCase();
    switch (role) {
      case "navigation":
        return "nav";
      case "banner":
        return "header";
      case "contentinfo":
        return "footer";
      case "complementary":
        return "aside";
      case "main":
        return "content";
    }
    switch (e.localName) {
      case "nav":
        return "nav";
      case "aside":
        return "aside";
      case "main":
        return "content";
      case "header":
      case "footer":
        return inSectioning(e) ? "" : e.localName;
    }
    return "";
  };

  const placementOf = (el, memo) => {
    const chain = [];
    let result = "content";
    for (let e = el; e; e = up(e)) {
      if (memo.has(e)) {
        result = memo.get(e);
        break;
      }
      chain.push(e);
      const p = own(e);
      if (p) {
        result = p;
        break;
      }
    }
    for (const e of chain) memo.set(e, result);
    return result;
  };

  // ---- selectors ----------------------------------------------------------


  const nthOfType = (el) => {
    const parent = el.parentNode;
    if (!parent) return [1, 1];
    let m = nthMemo.get(parent);
    if (!m) {
      m = new Map();
      const counts = new Map();
      for (const c of parent.children) {
        const n = (counts.get(c.localName) || 0) + 1;
        counts.set(c.localName, n);
        m.set(c, n);
      }
      for (const c of parent.children) m.set(c, [m.get(c), counts.get(c.localName)]);
      nthMemo.set(parent, m);
    }
    return m.get(el) || [1, 1];
  };

  // selectorOf returns a CSS path from el's root (document or shadow root)
  // to el: "#id" when an id names it, else tag:nth-of-type steps from body.
  const selectorOf = (el) => {
    const hit = pathMemo.get(el);
    if (hit !== undefined) return hit;
    let sel;
    const root = el.getRootNode();
    const tag = CSS.escape(el.localName);
    if (el.id && root.getElementById && root.getElementById(el.id) === el) {
      sel = "#" + CSS.escape(el.id);
    } else if (el === el.ownerDocument.documentElement) {
      sel = tag;
    } else {
      const [i, n] = nthOfType(el);
      const step = n > 1 ? tag + ":nth-of-type(" + i + ")" : tag;
      const parent = el.parentElement;
      if (!parent || parent === el.ownerDocument.documentElement) sel = step;
      else sel = selectorOf(parent) + " > " + step;
    }
    pathMemo.set(el, sel);
    return sel;
  };

  // resolve finds the element of a selector made by selectorOf, following
  // " >>> " into shadow roots and iframes. In a shadow root the path has no
  // anchor, so the match whose own path is the selector wins.
  const resolve = (selector) => {
    const parts = selector.split(" >>> ");
    let root = document;
    let el = null;
    const frames = [];
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        if (el.shadowRoot) root = el.shadowRoot;
        else if (el.contentDocument) {
          frames.push(el);
          root = el.contentDocument;
        } else return null;
      }
      el = null;
      const all = root.querySelectorAll(parts[i]);
      for (const c of all) {
        if (selectorOf(c) === parts[i]) {
          el = c;
          break;
        }
      }
      if (!el) el = all[0] || null;
      if (!el) return null;
    }
    return { el, frames };
  };

  // scopeOf rebuilds the geometry scope of an element found by resolve.
  const scopeOf = (frames) => {
    let s = topScope();
    for (const f of frames) {
      const r = f.getBoundingClientRect();
      const cs = getComputedStyle(f);
      s = Object.assign({}, s, {
        frames: s.frames.concat([f]),
        ox: s.ox + r.left + f.clientLeft + (parseFloat(cs.paddingLeft) || 0),
        oy: s.oy + r.top + f.clientTop + (parseFloat(cs.paddingTop) || 0),
      });
    }
    return s;
  };

  // ---- text -----------------------------------------------------------------

  // textOf returns the link text: its text content (as written, without
  // CSS text-transform), whitespace collapsed; else an image's alt, the
  // element's alt, aria-label, title or value.
  const textOf = (el, kind) => {
    let t = "";
    if (kind !== "form") {
      t = el.textContent || "";
      if (t.length > 4 * TEXT_LIMIT) t = t.slice(0, 4 * TEXT_LIMIT);
      t = t.replace(/\s+/g, " ").trim();
    }
    if (!t) {
      const img = el.querySelector && el.querySelector("img[alt]");
      t = (img && img.getAttribute("alt")) || el.getAttribute("alt") || el.getAttribute("aria-label") || el.getAttribute("title") || el.getAttribute("value") || "";
      t = t.replace(/\s+/g, " ").trim();
    }
    return t.length > TEXT_LIMIT ? t.slice(0, TEXT_LIMIT) : t;
  };

  const r2 = (v) => Math.round(v * 100) / 100;

  const docSize = () => {
    const de = document.documentElement;
    const b = document.body;
    return {
      w: Math.max(de ? de.scrollWidth : 0, b ? b.scrollWidth : 0),
      h: Math.max(de ? de.scrollHeight : 0, b ? b.scrollHeight : 0),
    };
  };

  // ---- the API called from Go -----------------------------------------------

  const probe = () => {
    let refresh = -1;
    const m = document.querySelector('meta[http-equiv="refresh" i]');
    if (m) {
      const c = (m.getAttribute("content") || "").trim();
      const n = parseFloat(c);
      if (!isNaN(n) && /url\s*=/i.test(c)) refresh = n;
    }
    return { idle: performance.now() - st.lastMutation, refresh };
  };

  const frames2 = () =>
    new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
      requestAnimationFrame(() => requestAnimationFrame(finish));
      setTimeout(finish, 150);
    });

  const scroll = async (maxSteps, maxHeight) => {
    fresh();
    st.before = new WeakSet();
    walk(topScope(), (el) => st.before.add(el));
    const vh = innerHeight || 800;
    let steps = 0;
    let y = scrollY;
    while (steps < maxSteps) {
      const h = Math.min(docSize().h, maxHeight);
      if (y + vh >= h) break;
      y = Math.min(y + vh, h - vh);
      scrollTo(0, y);
      steps++;
      await frames2();
    }
    return { steps, height: docSize().h };
  };

  const extract = (opts) => {
    fresh();
    scrollTo(0, 0);
    const links = [];
    const memo = new Map();
    const markLazy = opts.markLazy && st.before;
    const pending = []; // visible links whose cover is checked
    walk(topScope(), (el, scope, found) => {
      if (markLazy && !st.before.has(el)) st.lazy.add(el);
      const box = linkBox(el, scope);
      const hidden = scope.hidden || hiddenReason(el, box);
      const rel = (el.getAttribute("rel") || "").toLowerCase().split(/\s+/).filter(Boolean);
      const placement = placementOf(el, memo);
      const selector = scope.prefix + selectorOf(el);
      for (const [kind, href, raw] of found) {
        // Short keys, and no key for a default value: a page with 5,000
        // links is a few MB of JSON, and the protocol moves it slowly.
        const l = { h: href, k: kind, b: [r2(box.x), r2(box.y), r2(box.w), r2(box.h)], s: selector };
        if (raw !== href) l.r = raw;
        const text = textOf(el, kind);
        if (text) l.t = text;
        if (kind === "a" && rel.length) l.rel = rel;
        if (hidden) l.x = hidden;
        if (placement !== "content") l.p = placement;
        if (scope.shadow) l.sh = 1;
        if (scope.iframe) l.if = 1;
        if (st.lazy.has(el)) l.lz = 1;
        links.push(l);
        if (!hidden && pending.length < COVER_LIMIT) pending.push([l, el, scope, box]);
      }
    });
    for (const [l, el, scope, box] of pending) {
      const why = coveredReason(el, scope, box);
      if (why) l.x = why;
    }
    scrollTo(0, 0);
    const size = docSize();
    const html = document.documentElement ? document.documentElement.outerHTML : "";
    // A JSON string crosses the protocol much faster than an object tree.
    return JSON.stringify({
      url: location.href,
      title: document.title,
      html,
      width: size.w,
      height: size.h,
      links,
    });
  };

  // mark outlines the element of a selector for LinkScreenshot and returns
  // its box in page coordinates, or why it cannot be shown.
  const mark = (selector) => {
    fresh();
    unmark();
    const found = resolve(selector);
    if (!found) return { error: "not found" };
    const { el, frames } = found;
    scrollTo(0, 0);
    const box = linkBox(el, scopeOf(frames));
    const hidden = hiddenReason(el, box);
    if (hidden) return { error: "not visible: " + hidden };
    const s = el.style;
    st.marked = {
      el,
      outline: [s.getPropertyValue("outline"), s.getPropertyPriority("outline")],
      offset: [s.getPropertyValue("outline-offset"), s.getPropertyPriority("outline-offset")],
    };
    s.setProperty("outline", "3px solid #ff0000", "important");
    s.setProperty("outline-offset", "2px", "important");
    const size = docSize();
    return { box: [box.x, box.y, box.w, box.h], width: size.w, height: size.h };
  };

  const unmark = () => {
    const m = st.marked;
    if (!m) return;
    st.marked = null;
    const s = m.el.style;
    if (m.outline[0]) s.setProperty("outline", m.outline[0], m.outline[1]);
    else s.removeProperty("outline");
    if (m.offset[0]) s.setProperty("outline-offset", m.offset[0], m.offset[1]);
    else s.removeProperty("outline-offset");
  };

  globalThis.__linkproof = { probe, scroll, extract, mark, unmark, size: docSize };
})();
