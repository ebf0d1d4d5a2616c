package verdict

import (
	"slices"
	"strconv"
	"strings"
)

// summary is the one-line explanation shown to people for a verdict.
func summary(v string, f *Facts) string {
	switch v {
	case InvalidInput:
		return "Not checked: " + f.InvalidInput + "."
	case Unreachable:
		return "The source page gave no HTTP response (" + f.Unreachable + "): a real loss or a transient failure; retry later."
	case Gone:
		return "The source page is gone (HTTP " + strconv.Itoa(f.Status) + "): link rot."
	case ServerError:
		return "The source page answered HTTP " + strconv.Itoa(f.Status) + " after retries: transient; re-check later."
	case Error:
		return "The page answered but could not be verified: " + f.Error + "."
	case Redirected:
		s := "The source page redirects to a different page"
		if f.LinkOnRedirectTarget {
			return s + "; the link is there, so equity may consolidate on the destination."
		}
		return s + "; the link is not on the destination."
	case Paywalled:
		if f.PaywallSection {
			return "The link sits in a part of the page marked as paid: crawlers are served the gated version."
		}
		return "A paywall hides the content; crawlers are served the gated version without the link."
	case ConsentWall:
		if f.AfterConsent {
			return "The link appears only after cookie consent is given: crawlers see the wall, not the link."
		}
		return "A consent wall that could not be dismissed hides the content and the link."
	case Removed:
		return "The page is live but the link is in neither the raw HTML nor the rendered page: a real loss to reclaim."
	case Blocked:
		var who []string
		who = append(who, f.RobotsDisallowed...)
		for _, c := range f.CrawlerBlocked {
			if !slices.Contains(who, c) {
				who = append(who, c)
			}
		}
		if f.RobotsUnavailable {
			return "The link is there, but robots.txt is unavailable (5xx), which means disallow-all for crawlers."
		}
		return "The link is there, but " + strings.Join(who, ", ") + " may not see it (robots.txt or bot blocking): a tool artifact."
	case Noindex:
		if f.JSNoindex {
			return "The link is there, but a script adds noindex: the page is dropped from the index."
		}
		return "The link is there, but the page carries noindex: it is dropped from the index."
	case Canonicalized:
		return "The link is there, but rel=canonical points to another page: signals consolidate there."
	case JSOnly:
		return "The link is added by JavaScript; crawlers that do not render miss it."
	case NotCrawlable:
		return "The target is reached only through a script, button or form, not an <a href>: no crawler follows it."
	case Nofollow:
		if f.PageNofollow && !f.AllNofollow {
			return "The link is there, but the page's meta robots says nofollow: it passes no equity."
		}
		return "The link is there, but marked nofollow/ugc/sponsored: it is only a hint."
	case OK:
		return "A followed link is in the raw HTML of an indexable, crawlable page: the \"lost\" report is a crawler artifact; monitor the next recrawl."
	}
	return ""
}
