package report

import "github.com/linkproof/linkproof/internal/verdict"

// bucketInfo explains a bucket to the reader of the report.
type bucketInfo struct {
	Label string // a few words
	Means string // what the rows in it mean
	Do    string // what to do about them
}

// buckets lists the buckets in the order the report shows them: most actionable first.
func buckets() []string {
	return []string{verdict.BucketRot, verdict.BucketReclaim, verdict.BucketPlumbing,
		verdict.BucketNoise, verdict.BucketError}
}

// bucketText returns the plain-English explanation of a bucket.
func bucketText(b string) bucketInfo {
	switch b {
	case verdict.BucketRot:
		return bucketInfo{"link rot",
			"The source page is gone (404/410) or does not answer at all.",
			"Write the link off or find a replacement; re-check unreachable pages once later."}
	case verdict.BucketReclaim:
		return bucketInfo{"real loss",
			"The page is live but the link was removed, is not crawlable, or is nofollow.",
			"Contact the site and ask for a followed <a href> link back."}
	case verdict.BucketPlumbing:
		return bucketInfo{"equity moved",
			"Redirects, noindex or canonical: the page moved, consolidates elsewhere or left the index.",
			"Check the destination page; ask for the link there or for the page to be indexable."}
	case verdict.BucketNoise:
		return bucketInfo{"tool artifact",
			"The link is there for a browser; the tool that reported it lost was blocked, gated or did not render.",
			"Nothing to reclaim: monitor the next recrawl (re-check server errors later)."}
	default:
		return bucketInfo{"not verified",
			"Invalid input, or a page that answered but could not be checked.",
			"Fix the row or retry the check."}
	}
}

// verdictMeaning is the "what it means" column of SPEC §2, shown as a tooltip.
func verdictMeaning(v string) string {
	switch v {
	case verdict.InvalidInput:
		return "The source or target is not an absolute http(s) URL: nothing was fetched."
	case verdict.Unreachable:
		return "No HTTP response: true loss or transient; retry later."
	case verdict.Gone:
		return "The source page answers 404 or 410: link rot."
	case verdict.ServerError:
		return "5xx or 429 after retries: transient; re-check."
	case verdict.Error:
		return "A response came but could not be verified."
	case verdict.Redirected:
		return "The source leads to a different page: equity may consolidate on the destination."
	case verdict.Paywalled:
		return "Behind a paywall: crawlers are served the gated version."
	case verdict.ConsentWall:
		return "The link appears only after cookie consent: crawlers see the wall, not the link."
	case verdict.Removed:
		return "The page is live and the link is gone: real loss, reclaim."
	case verdict.Blocked:
		return "The link is there but robots.txt or bot blocking hides it from a crawler: tool artifact."
	case verdict.Noindex:
		return "The link is there but the page is noindex: dropped from the index."
	case verdict.Canonicalized:
		return "The link is there but rel=canonical points elsewhere: signals consolidate there."
	case verdict.JSOnly:
		return "The link is added by JavaScript: non-rendering crawlers miss it."
	case verdict.NotCrawlable:
		return "The target is reached only through something that is not an <a href>: no crawler follows it."
	case verdict.Nofollow:
		return "Every occurrence is nofollow, ugc or sponsored: downgraded to a hint."
	case verdict.OK:
		return "A followed link is in the raw HTML of an indexable page: the \"lost\" report is a crawler artifact."
	default:
		return "A verdict this version of the report does not know."
	}
}
