// Package consent finds cookie-consent UIs (CMPs) in raw and rendered pages
// and gives consent, so that linkproof can see what a page shows after the
// banner and tell a link hidden behind a consent wall from a lost one
// (verdict consent_wall, signals consent_banner and consent_vendor:<name>).
//
// Detection works from a rule table (Rules): for each consent manager its UI
// containers, script hosts, globals and accept buttons, plus the IAB TCF and
// GPP APIs, whose ping says whether the UI is shown. A generic detector
// catches unknown walls: a fixed or sticky element, an open dialog or an
// aria-modal element that reads as a consent notice in English, German,
// French, Spanish, Italian, Dutch, Portuguese or Polish (Words).
//
// DetectHTML reads the raw HTML. Detect reads a rendered page in one
// evaluation. Accept clicks the vendor's accept button, else the generic
// "accept all" button (open shadow roots, same-origin iframes and cross-site
// CMP frames included), lets the page settle and extracts it again, with
// bounded attempts and time.
package consent
