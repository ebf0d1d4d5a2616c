// Package robots reads robots.txt files the way RFC 9309 (Robots Exclusion
// Protocol) prescribes and answers whether a crawler may fetch a URL.
//
// Parse builds Rules from a file's body: groups are selected by product token
// (case-insensitive exact match, else the "*" group; groups naming the same
// token are merged), rules are matched by longest pattern with "*" and "$",
// percent-encoding is normalized before comparison, and on equal length Allow
// wins. Cache fetches each origin's /robots.txt once per run through a Getter
// and turns the HTTP outcome into a Decision: 2xx is parsed, 3xx/4xx allow
// everything, 5xx or no response disallow everything ("unavailable").
//
// The package does its own matching: github.com/temoto/robotstxt ranks equal
// rules by file order, does not anchor wildcard rules, selects groups by
// prefix and does not normalize percent-encoding, all of which depart from
// RFC 9309.
package robots
