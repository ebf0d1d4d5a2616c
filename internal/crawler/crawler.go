// Package crawler holds the crawler profiles of SPEC §6: the robots.txt product token, the
// robots meta name and a current user-agent string of each search or SEO crawler.
package crawler

import (
	"fmt"
	"slices"
	"strings"
)

// Profile describes one crawler.
type Profile struct {
	Name      string // the --crawlers name, e.g. "ahrefsbot"
	Token     string // robots.txt product token, e.g. "AhrefsBot"
	MetaName  string // <meta name=...> it obeys besides "robots"
	UserAgent string
}

// BrowserUserAgent is the user agent of the raw fetch that stands for a visitor's browser.
const BrowserUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"

// All returns every known profile, in a fixed order.
func All() []Profile {
	return []Profile{
		{"googlebot", "Googlebot", "googlebot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/156.0.0.0 Safari/537.36"},
		{"bingbot", "bingbot", "bingbot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/156.0.0.0 Safari/537.36"},
		{"ahrefsbot", "AhrefsBot", "ahrefsbot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"},
		{"semrushbot", "SemrushBot", "semrushbot", "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)"},
		{"mj12bot", "MJ12bot", "mj12bot", "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)"},
		{"dotbot", "dotbot", "dotbot", "Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)"},
		{"yandexbot", "YandexBot", "yandex", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"},
		{"applebot", "Applebot", "applebot", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"},
		{"gptbot", "GPTBot", "gptbot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)"},
	}
}

// DefaultNames is the default --crawlers list.
const DefaultNames = "googlebot,bingbot,ahrefsbot,semrushbot,mj12bot,dotbot"

// Parse turns a comma-separated --crawlers list into profiles, in the order given, without
// duplicates. Names are case-insensitive. An unknown name is an error that lists the known ones.
func Parse(list string) ([]Profile, error) {
	all := All()
	var out []Profile
	for name := range strings.SplitSeq(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		i := slices.IndexFunc(all, func(p Profile) bool { return p.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown crawler %q (known: %s)", name, strings.Join(Names(), ", "))
		}
		if !slices.ContainsFunc(out, func(p Profile) bool { return p.Name == name }) {
			out = append(out, all[i])
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no crawler named (known: %s)", strings.Join(Names(), ", "))
	}
	return out, nil
}

// Names lists the known crawler names.
func Names() []string {
	var n []string
	for _, p := range All() {
		n = append(n, p.Name)
	}
	return n
}

// DefaultNamesList is DefaultNames as a slice.
func DefaultNamesList() []string { return strings.Split(DefaultNames, ",") }
