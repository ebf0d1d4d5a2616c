package paywall

// Vendor is the signature of one paywall vendor. Patterns are
// case-insensitive substrings; selectors are CSS selectors.
type Vendor struct {
	// Name is the short lower-case name.
	Name string `json:"name"`
	// Scripts are substrings of script, stylesheet or iframe URLs of the
	// vendor; in raw HTML they are also looked for in inline scripts.
	Scripts []string `json:"scripts"`
	// Inline are case-sensitive substrings of inline script text or markup
	// that only this vendor's snippet carries (raw HTML only).
	Inline []string `json:"-"`
	// Globals are window properties (dotted paths allowed) the vendor's
	// script defines, checked in the rendered page.
	Globals []string `json:"globals"`
	// Containers select the vendor's paywall UI or gated-content wrappers.
	Containers []string `json:"containers"`
	// Text are case-sensitive markers that the vendor has publishers put in
	// the article text (raw HTML only).
	Text []string `json:"-"`
}

// Vendors returns the paywall vendor table, a fresh copy on every call.
func Vendors() []Vendor {
	return []Vendor{
		{
			Name:       "piano",
			Scripts:    []string{"cdn.tinypass.com", "experience.tinypass.com", "tinypass.min.js", "cdn.piano.io", "experience.piano.io", "buy.tinypass.com"},
			Inline:     []string{"tinypass", "tp.push(", "window.tp = window.tp", "window.tp=window.tp"},
			Globals:    []string{"tp.experience", "tp.pianoId", "tinypass"},
			Containers: []string{".tp-modal", ".tp-iframe-wrapper", ".tp-container-inner", "#piano-inline", ".piano-offer"},
		},
		{
			Name:       "zephr",
			Scripts:    []string{"zephr"},
			Inline:     []string{"zephr", "Zephr"},
			Globals:    []string{"Zephr", "zephrBrowser", "zephr"},
			Containers: []string{"[id^=\"zephr\"]", "[class*=\"zephr\"]", "[data-zephr-feature]"},
		},
		{
			Name:       "poool",
			Scripts:    []string{"poool.fr", "poool.js"},
			Inline:     []string{"poool", "Poool"},
			Globals:    []string{"poool", "Poool", "PooolAccess"},
			Containers: []string{"#poool-widget", "[id^=\"poool\"]", "[class*=\"poool\"]"},
		},
		{
			Name:       "pelcro",
			Scripts:    []string{"pelcro.com"},
			Inline:     []string{"Pelcro", "pelcro"},
			Globals:    []string{"Pelcro"},
			Containers: []string{"#pelcro-app", "[class*=\"pelcro-paywall\"]", "[id^=\"pelcro\"]"},
		},
		{
			Name:       "laterpay",
			Scripts:    []string{"laterpay.net", "laterpay"},
			Inline:     []string{"laterpay", "LaterPay"},
			Globals:    []string{"LaterPay", "laterpay"},
			Containers: []string{"[class*=\"laterpay\"]", "[id*=\"laterpay\"]", "[class*=\"lp_paywall\"]"},
		},
		{
			Name:       "memberful",
			Scripts:    []string{"memberful.com"},
			Inline:     []string{"MemberfulOptions"},
			Globals:    []string{"MemberfulOptions", "Memberful"},
			Containers: []string{"[class*=\"memberful\"]"},
		},
		{
			Name:       "leaky-paywall",
			Scripts:    []string{"/leaky-paywall/", "leaky-paywall"},
			Inline:     []string{"leaky_paywall"},
			Globals:    []string{"leaky_paywall_script_ajax", "leaky_paywall_cookie_ajax"},
			Containers: []string{".leaky_paywall_message_wrap", "#leaky_paywall_message", "[class*=\"leaky_paywall\"]"},
		},
		{
			Name:       "pigeon",
			Scripts:    []string{"/pigeon.js", "pigeon.io", "pigeonpaywall"},
			Inline:     []string{"PigeonClass"},
			Globals:    []string{"PigeonClass", "Pigeon.paywall"},
			Containers: []string{".pigeon-remove", ".pigeon-context-promotion", ".pigeon-message"},
		},
		{
			Name:       "steady",
			Scripts:    []string{"steadyhq.com"},
			Inline:     []string{"steadyhq"},
			Text:       []string{"___STEADY_PAYWALL___"},
			Globals:    []string{"SteadyWidgetSettings"},
			Containers: []string{"[id*=\"steady-paywall\"]", "[class*=\"steady-paywall\"]", "[id^=\"steady-checkout\"]"},
		},
		{
			Name:       "swg",
			Scripts:    []string{"news.google.com/swg/", "swg.js", "swg-basic.js", "swg-gaa.js"},
			Inline:     []string{"SWG_BASIC", "self.SWG", "window.SWG"},
			Globals:    []string{"SWG", "SWG_BASIC"},
			Containers: []string{"swg-popup-background", ".swg-dialog", "iframe.swg-dialog"},
		},
	}
}
