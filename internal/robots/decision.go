package robots

// Decision is the robots.txt answer for one crawler and one page.
type Decision struct {
	// Allowed reports whether the crawler may fetch the page.
	Allowed bool `json:"allowed"`
	// Unavailable is set when robots.txt answered 5xx or could not be
	// fetched at all; RFC 9309 §2.3.1.4 then means disallow-all. (RFC 9309
	// calls this state "unreachable"; the name here follows SPEC §2's
	// robots_unavailable signal.)
	Unavailable bool `json:"unavailable"`
	// Status is the final HTTP status of robots.txt, 0 when unreachable.
	Status int `json:"status"`
	// RobotsURL is the robots.txt URL that was consulted.
	RobotsURL string `json:"robots_url"`
	// Rule is the line that decided, e.g. "Disallow: /private"; empty when
	// no rule matched or the status decided.
	Rule string `json:"rule,omitempty"`
}

// String returns "allowed", "disallowed" or "unavailable", the values of
// crawlers.<name>.robots in the result record (SPEC §4).
func (d Decision) String() string {
	switch {
	case d.Unavailable:
		return "unavailable"
	case d.Allowed:
		return "allowed"
	default:
		return "disallowed"
	}
}

// outcome is how a robots.txt fetch result is read (RFC 9309 §2.3.1).
type outcome int

const (
	parseBody   outcome = iota // 2xx: obey the file
	allowAll                   // 3xx left over after redirects, 4xx: no file
	unreachable                // 5xx or no response: disallow all
)

func outcomeOf(status int, fetchErr string) outcome {
	switch {
	case fetchErr != "":
		return unreachable
	case status >= 200 && status < 300:
		return parseBody
	case status >= 300 && status < 500:
		// 4xx, including 401, 403 and 429 (§2.3.1.3). A 3xx here means the
		// fetch layer gave up following redirects: §2.3.1.2 lets the
		// crawler treat that as "unavailable", i.e. like a 4xx.
		return allowAll
	default:
		// 5xx (§2.3.1.4), and statuses no server should send.
		return unreachable
	}
}
