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

  // candidates returns the links an element carries: [kind, href, raw].
  const candidates = (el, doc) => {
    const out = [];
    const tag = el.localName;
    let crawlable = "";
    if (tag === "a" || tag === "area") {
      let raw = el.getAttribute("href");
      if (raw === null) raw = el.getAttribute("xlink:href");
      if (raw !== null) {
        if (/^\s*javascript:/i.test(raw)) {
          const u = urlInJS(decodeJS(raw));
          const abs = u && resolveURL(u, doc);
          if (abs && isHTTP(abs)) out.push(["javascript", abs, raw]);
        } else if (!/^\s*#/.test(raw)) {
          // A fragment-only href stays on the page: it is no link.
          const abs = resolveURL(raw, doc);
          if (isHTTP(abs)) {
            out.push(["a", abs, raw]);
            crawlable = abs;
          }
        }
      }
    }
    const isButton = tag === "button" || (tag === "input" && /^(submit|button|image)$/i.test(el.getAttribute("type") || ""));
    const onclick = el.getAttribute("onclick");
    if (onclick) {
      const u = urlInJS(onclick);
      const abs = u && resolveURL(u, doc);
      if (abs && isHTTP(abs) && abs !== crawlable) out.push([isButton ? "button" : "onclick", abs, u]);
    }
    if (isButton) {
      const fa = el.getAttribute("formaction");
      if (fa && fa.trim()) {
        const abs = resolveURL(fa, doc);
        if (isHTTP(abs)) out.push(["button", abs, fa]);
      }
    }
    if (tag === "form") {
      const action = el.getAttribute("action");
      if (action && action.trim()) {
        const abs = resolveURL(action, doc);
        if (isHTTP(abs)) out.push(["form", abs, action]);
      }
    }
    if (el.attributes.length > 0 && !DATA_SKIP_TAGS.has(tag)) {
      const attrs = el.attributes;
      for (let i = 0; i < attrs.length; i++) {
        const name = attrs[i].name;
        if (name.length < 6 || !name.startsWith("data-") || DATA_SKIP.test(name)) continue;
        const v = attrs[i].value.trim();
        if (!v || v.length > 2048 || !DATA_URL.test(v)) continue;
        const abs = resolveURL(v, doc);
        if (!isHTTP(abs) || abs === crawlable || out.some((c) => c[1] === abs)) continue;
        out.push(["data", abs, v]);
      }
    }
    return out;
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
      if (found.length) visit(el, scope, found);
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

  const clipped = (el) => {
    let e = el;
    for (let i = 0; e && i < 4; i++, e = e.parentElement) {
      if (tinyClip(getComputedStyle(e))) return true;
    }
    return false;
  };

  // hiddenReason says why a visitor cannot see el, whose box is box: display,
  // visibility, opacity, clip, size or offpage; "" when it can (covered is
  // checked later, for the first links only). An <area> is judged by the
  // image that uses its map.
  const hiddenReason = (el, box) => {
    const shown = shownBy(el);
    if (!shown || !shown.checkVisibility()) return "display";
    if (!shown.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return "visibility";
    if (!shown.checkVisibility({ opacityProperty: true, checkOpacity: true })) return "opacity";
    if (clipped(shown)) return "clip";
    if (box.w < 2 || box.h < 2) return "size";
    if (box.x + box.w <= 0 || box.y + box.h <= 0) return "offpage";
    return "";
  };

  // linkBox is the box of what shows el: the element, or the image of an
  // <area>.
  const linkBox = (el, scope) => boxOf(shownBy(el) || el, scope);

  // covered reports whether another element is on top of the centre of the
  // link, after scrolling it into the top viewport when needed.
  const covered = (el, scope, box) => {
    if (getComputedStyle(el).pointerEvents === "none") return false;
    const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    if (cx < scrollX || cx >= scrollX + innerWidth || cy < scrollY || cy >= scrollY + innerHeight) {
      scrollTo(Math.max(0, cx - innerWidth / 2), Math.max(0, cy - innerHeight / 2));
    }
    const vx = cx - scrollX, vy = cy - scrollY;
    if (vx < 0 || vy < 0 || vx >= innerWidth || vy >= innerHeight) return false;
    const inside = (hit, target) => !hit || hit === target || target.contains(hit);
    if (scope.frames.length === 0) {
      const root = el.getRootNode();
      const hit = (root.elementFromPoint ? root : document).elementFromPoint(vx, vy);
      return !inside(hit, el);
    }
    const top = scope.frames[0];
    const hitTop = document.elementFromPoint(vx, vy);
    if (!inside(hitTop, top)) return true;
    const root = el.getRootNode();
    const hit = root.elementFromPoint(cx - scope.ox, cy - scope.oy);
    return !inside(hit, el);
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

  const pathMemo = new WeakMap(); // element -> selector within its root
  const nthMemo = new WeakMap(); // parent -> Map(child -> [index, count])

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

  const textOf = (el, kind) => {
    let t = "";
    if (kind !== "form") {
      t = el.innerText !== undefined ? el.innerText : el.textContent || "";
      t = t.replace(/\s+/g, " ").trim();
    }
    if (!t) {
      const img = el.querySelector && el.querySelector("img[alt]");
      t = (img && img.getAttribute("alt")) || el.getAttribute("aria-label") || el.getAttribute("title") || el.getAttribute("value") || "";
      t = t.replace(/\s+/g, " ").trim();
    }
    return t.length > TEXT_LIMIT ? t.slice(0, TEXT_LIMIT) : t;
  };

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
        const l = {
          href,
          raw,
          text: textOf(el, kind),
          rel: kind === "a" ? rel : [],
          kind,
          hidden,
          box,
          placement,
          selector,
          shadow: scope.shadow,
          iframe: scope.iframe,
          lazy: st.lazy.has(el),
        };
        links.push(l);
        if (!hidden && pending.length < COVER_LIMIT) pending.push([l, el, scope]);
      }
    });
    for (const [l, el, scope] of pending) {
      if (covered(el, scope, l.box)) l.hidden = "covered";
    }
    scrollTo(0, 0);
    const size = docSize();
    return {
      url: location.href,
      title: document.title,
      html: document.documentElement ? document.documentElement.outerHTML : "",
      width: size.w,
      height: size.h,
      links,
    };
  };

  // mark outlines the element of a selector for LinkScreenshot and returns
  // its box in page coordinates, or why it cannot be shown.
  const mark = (selector) => {
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
    return { box, width: size.w, height: size.h };
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
