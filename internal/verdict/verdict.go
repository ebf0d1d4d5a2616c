// Package verdict turns the facts gathered about one (source, target) pair into exactly one
// verdict, its triage bucket, the signals behind it and a one-line summary, following the
// order of SPEC §2. Decide is a pure function: every input is in Facts.
package verdict

import (
	"slices"
	"sort"
)

// Verdicts, in the order of SPEC §2 (first matching rule wins).
const (
	InvalidInput  = "invalid_input"
	Unreachable   = "unreachable"
	Gone          = "gone"
	ServerError   = "server_error"
	Error         = "error"
	Redirected    = "redirected"
	Paywalled     = "paywalled"
	ConsentWall   = "consent_wall"
	Removed       = "removed"
	Blocked       = "blocked"
	Noindex       = "noindex"
	Canonicalized = "canonicalized"
	JSOnly        = "js_only"
	NotCrawlable  = "not_crawlable"
	Nofollow      = "nofollow"
	OK            = "ok"
)

// Buckets of SPEC §2.
const (
	BucketRot      = "rot"
	BucketReclaim  = "reclaim"
	BucketPlumbing = "plumbing"
	BucketNoise    = "noise"
	BucketError    = "error"
)

// Order lists every verdict in SPEC §2 order.
var order = [...]string{InvalidInput, Unreachable, Gone, ServerError, Error, Redirected, Paywalled,
	ConsentWall, Removed, Blocked, Noindex, Canonicalized, JSOnly, NotCrawlable, Nofollow, OK}

// All returns every verdict in SPEC §2 order.
func All() []string { return slices.Clone(order[:]) }

// Bucket returns the triage bucket of a verdict.
func Bucket(v string) string {
	switch v {
	case InvalidInput, Error:
		return BucketError
	case Unreachable, Gone:
		return BucketRot
	case Redirected, Noindex, Canonicalized:
		return BucketPlumbing
	case Removed, NotCrawlable, Nofollow:
		return BucketReclaim
	default:
		return BucketNoise
	}
}

// Facts is everything known about one pair. The zero value means "nothing seen".
type Facts struct {
	InvalidInput string // why the source or target is not an absolute http(s) URL
	Unreachable  string // why no HTTP response came
	Status       int    // final HTTP status of the raw fetch
	Error        string // a response came but could not be verified

	Redirect             bool // any redirect hop (HTTP, meta refresh, script)
	Redirected           bool // the source leads to a different page (SPEC §3)
	ScriptRedirect       bool // the different page was reached by script navigation
	LinkOnRedirectTarget bool

	Paywall        bool // a paywall was detected
	PaywallSection bool // the link is inside a part marked not accessible for free
	PaywallHides   bool // the paywall removes or hides the content holding the link

	ConsentBanner  bool     // a consent UI was shown
	ConsentBlocks  bool     // a consent wall that could not be dismissed hides the content
	ConsentVendors []string // detected consent managers

	// Where the target occurs at all (crawlable <a href> or pseudo-link).
	InRaw, InRendered, AfterConsent bool
	// Where it occurs as a crawlable <a href>.
	CrawlableRaw, CrawlableRendered, CrawlableAfterConsent bool
	// Over every crawlable occurrence: all carry nofollow, ugc or sponsored.
	AllNofollow                       bool
	HasNofollow, HasUGC, HasSponsored bool
	PageNofollow                      bool // meta robots nofollow for a checked crawler

	RobotsDisallowed  []string // crawler names
	RobotsUnavailable bool
	CrawlerBlocked    []string // crawler names that got 401/403/429/5xx where a browser got 200
	UAVariation       bool

	Noindex   bool // in raw HTML, headers or rendered DOM
	JSNoindex bool // only after rendering

	CanonicalMismatch bool

	// Extra signals gathered elsewhere (shadow_dom, iframe, lazy_loaded, hidden,
	// render_timeout, render_failed, dialog_dismissed, other_target_links, mention_unlinked...).
	Extra []string
}

// Outcome is the decision for one pair.
type Outcome struct {
	Verdict string
	Bucket  string
	Signals []string
	Summary string
}

// Found reports whether the link was seen anywhere (raw, rendered or after consent).
func (f *Facts) Found() bool { return f.InRaw || f.InRendered || f.AfterConsent }

func (f *Facts) crawlable() bool {
	return f.CrawlableRaw || f.CrawlableRendered || f.CrawlableAfterConsent
}

func (f *Facts) blocked() bool {
	return len(f.RobotsDisallowed) > 0 || f.RobotsUnavailable || len(f.CrawlerBlocked) > 0
}

// Decide applies SPEC §2: the first matching rule gives the verdict; every condition that
// holds is a signal.
func Decide(f Facts) Outcome {
	v := decide(&f)
	return Outcome{Verdict: v, Bucket: Bucket(v), Signals: signals(&f), Summary: summary(v, &f)}
}

func decide(f *Facts) string {
	found := f.Found()
	switch {
	case f.InvalidInput != "":
		return InvalidInput
	case f.Unreachable != "":
		return Unreachable
	case f.Status == 404 || f.Status == 410:
		return Gone
	case f.Status >= 500 || f.Status == 429:
		return ServerError
	case f.Error != "":
		return Error
	case f.Redirected:
		return Redirected
	case f.Paywall && (f.PaywallSection || f.PaywallHides || !found):
		return Paywalled
	case f.AfterConsent && !f.InRaw && !f.InRendered, f.ConsentBlocks && !found:
		return ConsentWall
	case !found:
		return Removed
	case f.blocked():
		return Blocked
	case f.Noindex || f.JSNoindex:
		return Noindex
	case f.CanonicalMismatch:
		return Canonicalized
	case f.CrawlableRendered && !f.CrawlableRaw:
		return JSOnly
	case !f.crawlable():
		return NotCrawlable
	case f.AllNofollow || f.PageNofollow:
		return Nofollow
	default:
		return OK
	}
}

func signals(f *Facts) []string {
	var s []string
	add := func(ok bool, name string) {
		if ok {
			s = append(s, name)
		}
	}
	add(f.Redirect, "redirect")
	add(f.Redirect && !f.Redirected, "redirect_normalized")
	add(f.Redirected && f.ScriptRedirect, "script_redirect")
	add(f.Redirected && f.LinkOnRedirectTarget, "link_on_redirect_target")
	for _, c := range f.RobotsDisallowed {
		s = append(s, "robots_disallowed:"+c)
	}
	add(f.RobotsUnavailable, "robots_unavailable")
	for _, c := range f.CrawlerBlocked {
		s = append(s, "crawler_blocked:"+c)
	}
	add(f.Noindex || f.JSNoindex, "noindex")
	add(f.JSNoindex, "js_noindex")
	add(f.CanonicalMismatch, "canonical_mismatch")
	add(f.ConsentBanner, "consent_banner")
	add(f.ConsentBlocks || (f.AfterConsent && !f.InRaw && !f.InRendered), "consent_wall")
	for _, v := range f.ConsentVendors {
		s = append(s, "consent_vendor:"+v)
	}
	add(f.Paywall, "paywall")
	add(f.PaywallSection, "paywall_section")
	add(!f.Found() && f.Status > 0 && f.Status < 400 && f.Error == "" && (f.Paywall || f.ConsentBlocks), "link_not_seen")
	add(f.CrawlableRendered && !f.CrawlableRaw && !f.Redirected, "js_only") // raw and rendered are different pages after a redirect
	add(f.Found() && !f.crawlable(), "not_crawlable")
	add(f.HasNofollow, "nofollow")
	add(f.HasUGC, "ugc")
	add(f.HasSponsored, "sponsored")
	add(f.PageNofollow, "page_nofollow")
	add(f.UAVariation, "ua_variation")
	s = append(s, f.Extra...)
	sort.Strings(s)
	return slices.Compact(s)
}
