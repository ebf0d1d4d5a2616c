// Package paywall finds paywalls in raw and rendered pages, so that
// linkproof can tell a link that crawlers are served without (verdict
// paywalled, signals paywall and paywall_section) from a lost one.
//
// Three kinds of evidence are read:
//   - schema.org paywall markup, in JSON-LD (arrays, @graph, nested
//     objects) and microdata: isAccessibleForFree false on the page, and
//     hasPart elements with a cssSelector that name the gated parts;
//   - vendor signatures (Piano/Tinypass, Zephr, Poool, Pelcro, Laterpay,
//     Memberful, Leaky Paywall, Pigeon, Steady, Subscribe with Google): script
//     URLs, inline snippets, globals and UI elements (Vendors);
//   - DOM evidence in the rendered page: a visible subscribe-to-continue
//     prompt next to content that the raw HTML had and the rendered page
//     removed or hid, a truncated container, a fade overlay or blurred text.
//
// A vendor signature alone is not a paywall (publishers load these scripts
// on free pages too), nor is a newsletter "subscribe" box, and a page whose
// schema says isAccessibleForFree true is never called paywalled.
package paywall
