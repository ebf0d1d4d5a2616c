package consent

// Rule is the signature of one consent manager (CMP): where its UI lives,
// what proves that the page uses it, and which button gives consent. The
// table is data: a new CMP is a new Rule, not a new code path. Selectors are
// CSS selectors as document.querySelector and goquery understand them;
// patterns are case-insensitive substrings.
type Rule struct {
	// Vendor is the short lower-case name reported as consent_vendor:<Vendor>.
	Vendor string `json:"vendor"`
	// Name is the vendor's display name.
	Name string `json:"-"`
	// Containers select the root elements of the consent UI (banner, dialog,
	// preference centre). A visible one means the UI is shown.
	Containers []string `json:"containers"`
	// Markers select elements that prove the vendor but are not its UI (an
	// SDK wrapper, a persistent "cookie settings" button).
	Markers []string `json:"markers"`
	// Scripts are substrings of the URL of a script, stylesheet, preconnect
	// or iframe of the vendor (a CDN host, a plugin path); in raw HTML they
	// are also looked for in the text of inline scripts (loader snippets).
	Scripts []string `json:"scripts"`
	// Inline are case-sensitive substrings of inline script text that only
	// this vendor's snippet carries (raw HTML only).
	Inline []string `json:"-"`
	// Globals are window properties the vendor's script defines.
	Globals []string `json:"globals"`
	// Accept select the vendor's "accept all" button, best first.
	Accept []string `json:"accept"`
	// Shadow reports that the UI is rendered in the open shadow root of a
	// Containers element (Accept selectors apply inside it).
	Shadow bool `json:"shadow"`
	// Frames are substrings of the URL of a cross-site iframe that holds the
	// UI; FrameAccept select the accept button inside such a frame.
	Frames      []string `json:"frames"`
	FrameAccept []string `json:"frameAccept"`
	// API names an IAB API whose ping says whether the UI is shown: "tcf"
	// (__tcfapi, displayStatus) or "gpp" (__gpp, cmpDisplayStatus).
	API string `json:"api"`
}

// Rules returns the consent manager table, a fresh copy on every call. It
// holds the CMPs that linkproof claims to handle (each has a fixture test)
// and the IAB TCF and GPP APIs, which many CMPs implement.
func Rules() []Rule {
	return []Rule{
		{
			Vendor:     "onetrust",
			Name:       "OneTrust / CookiePro",
			Containers: []string{"#onetrust-banner-sdk", "#onetrust-pc-sdk", ".optanon-alert-box-wrapper"},
			Markers:    []string{"#onetrust-consent-sdk", ".ot-sdk-show-settings", "#ot-sdk-btn"},
			Scripts:    []string{"cdn.cookielaw.org", "optanon.blob.core.windows.net", "cookiepro.com/", "otsdkstub.js", "otbannersdk.js"},
			Inline:     []string{"OptanonWrapper", "OneTrustStub"},
			Globals:    []string{"OneTrust", "Optanon", "OneTrustStub"},
			Accept:     []string{"#onetrust-accept-btn-handler", "#accept-recommended-btn-handler", ".optanon-allow-all"},
		},
		{
			Vendor:     "cookiebot",
			Name:       "Cookiebot (Usercentrics)",
			Containers: []string{"#CybotCookiebotDialog"},
			Markers:    []string{"script#Cookiebot", "script#CookieConsent[src*=\"uc.js\"]", "#CookiebotWidget", "#CookieDeclaration", "[onclick*=\"CookieConsent.renew\"]"},
			Scripts:    []string{"consent.cookiebot.com", "consent.cookiebot.eu", "consentcdn.cookiebot.com"},
			Globals:    []string{"Cookiebot"},
			Accept: []string{"#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
				"#CybotCookiebotDialogBodyButtonAccept", "#CybotCookiebotDialogBodyLevelButtonAccept"},
		},
		{
			Vendor:     "quantcast",
			Name:       "Quantcast / InMobi Choice",
			Containers: []string{"#qc-cmp2-ui", "#qc-cmp2-container", ".qc-cmp2-container", ".qc-cmp-ui-container"},
			Scripts:    []string{"quantcast.mgr.consensu.org", "cmp.quantcast.com", "cmp.inmobi.com"},
			Accept: []string{"#qc-cmp2-ui button[mode=\"primary\"]", ".qc-cmp2-summary-buttons button[mode=\"primary\"]",
				".qc-cmp-button:not(.qc-cmp-secondary-button)"},
		},
		{
			Vendor:      "trustarc",
			Name:        "TrustArc (TRUSTe)",
			Containers:  []string{"#truste-consent-track", "#consent_blackbar", ".truste_box_overlay", "#trustarc-banner-overlay"},
			Markers:     []string{"#teconsent"},
			Scripts:     []string{"consent.trustarc.com", "consent.truste.com", "consent-pref.trustarc.com", "consent-pref.truste.com"},
			Globals:     []string{"truste", "PrivacyManagerAPI"},
			Accept:      []string{"#truste-consent-button", ".trustarc-agree-btn"},
			Frames:      []string{"consent-pref.trustarc.com", "consent-pref.truste.com"},
			FrameAccept: []string{"a.call", ".pdynamicbutton a.call", "button.call"},
		},
		{
			Vendor:     "didomi",
			Name:       "Didomi",
			Containers: []string{"#didomi-popup", "#didomi-notice", ".didomi-popup-container"},
			Markers:    []string{"#didomi-host"},
			Scripts:    []string{"sdk.privacy-center.org", "/didomi"},
			Inline:     []string{"didomiConfig", "window.didomiOnReady"},
			Globals:    []string{"Didomi", "didomiOnReady"},
			Accept:     []string{"#didomi-notice-agree-button", ".didomi-popup-view .didomi-button-highlight"},
		},
		{
			Vendor:     "usercentrics",
			Name:       "Usercentrics",
			Containers: []string{"#usercentrics-root", "#usercentrics-cmp-ui"},
			Scripts:    []string{"app.usercentrics.eu", "web.cmp.usercentrics.eu", "privacy-proxy.usercentrics.eu"},
			Inline:     []string{"usercentrics"},
			Globals:    []string{"UC_UI", "__ucCmp"},
			Accept:     []string{"[data-testid=\"uc-accept-all-button\"]", "button#accept", "[data-action-type=\"accept\"]"},
			Shadow:     true,
		},
		{
			Vendor:      "sourcepoint",
			Name:        "Sourcepoint",
			Containers:  []string{"div[id^=\"sp_message_container_\"]", "iframe[id^=\"sp_message_iframe_\"]"},
			Scripts:     []string{"cdn.privacy-mgmt.com", "sourcepoint.mgr.consensu.org", "wrappermessagingwithoutdetection"},
			Inline:      []string{"_sp_queue", "_sp_.config", "window._sp_ "},
			Globals:     []string{"_sp_", "_sp_queue"},
			Frames:      []string{"privacy-mgmt.com", "message_id="},
			FrameAccept: []string{".sp_choice_type_11", "button[title=\"Accept all\" i]", "button[title=\"Accept\" i]"},
		},
		{
			Vendor:     "iubenda",
			Name:       "iubenda",
			Containers: []string{"#iubenda-cs-banner"},
			Scripts:    []string{"cdn.iubenda.com/cs/", "cs.iubenda.com"},
			Inline:     []string{"_iub.csConfiguration"},
			Globals:    []string{"_iub"},
			Accept:     []string{".iubenda-cs-accept-btn"},
		},
		{
			Vendor:     "complianz",
			Name:       "Complianz",
			Containers: []string{".cmplz-cookiebanner", "#cmplz-cookiebanner-container"},
			Markers:    []string{".cmplz-manage-consent", "#cmplz-manage-consent"},
			Scripts:    []string{"/complianz-gdpr/", "/complianz-gdpr-premium/"},
			Inline:     []string{"complianz", "cmplz_"},
			Globals:    []string{"complianz"},
			Accept:     []string{".cmplz-cookiebanner .cmplz-accept", ".cmplz-accept"},
		},
		{
			Vendor:     "cookieyes",
			Name:       "CookieYes / CookieLawInfo",
			Containers: []string{".cky-consent-container", ".cky-modal", "#cookie-law-info-bar"},
			Markers:    []string{".cky-btn-revisit-wrapper", "#cookie-law-info-again"},
			Scripts:    []string{"cdn-cookieyes.com", "app.cookieyes.com", "/cookie-law-info/"},
			Inline:     []string{"cdn-cookieyes.com", "cli_cookiebar"},
			Globals:    []string{"getCkyConsent"},
			Accept:     []string{".cky-btn-accept", "#wt-cli-accept-all-btn", "#cookie_action_close_header"},
		},
		{
			Vendor:     "osano",
			Name:       "Osano",
			Containers: []string{".osano-cm-dialog", ".osano-cm-window__dialog"},
			Markers:    []string{".osano-cm-window"},
			Scripts:    []string{"cmp.osano.com"},
			Globals:    []string{"Osano"},
			Accept:     []string{".osano-cm-accept-all", ".osano-cm-accept", ".osano-cm-button--type_accept"},
		},
		{
			Vendor:     "klaro",
			Name:       "Klaro",
			Containers: []string{".klaro .cookie-notice", ".klaro .cookie-modal"},
			Markers:    []string{"#klaro", ".klaro"},
			Scripts:    []string{"/klaro.js", "/klaro-no-css", "/klaro.min.js", "cdn.kiprotect.com/klaro"},
			Inline:     []string{"klaroConfig"},
			Globals:    []string{"klaro", "klaroConfig"},
			Accept:     []string{".klaro .cm-btn-accept-all", ".klaro .cookie-notice .cm-btn-success", ".klaro .cm-btn-accept"},
		},
		{
			Vendor:     "borlabs",
			Name:       "Borlabs Cookie",
			Containers: []string{"#BorlabsCookieBox ._brlbs-box", "#BorlabsCookieBox ._brlbs-bar", ".brlbs-cmpnt-dialog", "#BorlabsCookieBox"},
			Markers:    []string{"#BorlabsCookieBoxWrap", ".brlbs-cmpnt-container", "[data-borlabs-cookie-consent-required]"},
			Scripts:    []string{"/borlabs-cookie/", "borlabs-cookie"},
			Inline:     []string{"borlabsCookieConfig", "BorlabsCookie"},
			Globals:    []string{"BorlabsCookie"},
			Accept: []string{"#BorlabsCookieBox a[data-cookie-accept-all]", "#BorlabsCookieBox a[data-cookie-accept]",
				".brlbs-btn-accept-all", "#CookieBoxSaveButton"},
		},
		{
			Vendor:     "termly",
			Name:       "Termly",
			Containers: []string{"[class*=\"termly-styles-module-root\"]", "#termly-code-snippet-support > div"},
			Markers:    []string{"#termly-code-snippet-support"},
			Scripts:    []string{"app.termly.io"},
			Globals:    []string{"Termly"},
			Accept:     []string{"[data-tid=\"banner-accept\"]"},
		},
		{
			Vendor:     "google-fc",
			Name:       "Google Funding Choices (Privacy & messaging)",
			Containers: []string{".fc-consent-root", ".fc-dialog-container"},
			Scripts:    []string{"fundingchoicesmessages.google.com"},
			Inline:     []string{"googlefc"},
			Globals:    []string{"googlefc"},
			Accept:     []string{".fc-cta-consent", ".fc-consent-root .fc-primary-button"},
		},
		{
			Vendor:     "cookieconsent",
			Name:       "CookieConsent (orestbida)",
			Containers: []string{"#cc-main .cm", "#cc-main .pm", "#cc_div #cm", "#cc--main #cm"},
			Markers:    []string{"#cc-main", "#cc_div"},
			Scripts:    []string{"cookieconsent.umd.js", "vanilla-cookieconsent", "orestbida"},
			Globals:    []string{"initCookieConsent"},
			Accept:     []string{"#cc-main .cm [data-role=\"all\"]", "#cc-main [data-role=\"all\"]", "#c-p-bn"},
		},
		{
			Vendor:     "insites-cookieconsent",
			Name:       "Cookie Consent (Silktide / Insites / Osano open source)",
			Containers: []string{".cc-window:not(.cc-invisible)", ".cc_banner-wrapper .cc_banner"},
			Markers:    []string{".cc-window", ".cc-revoke"},
			Scripts:    []string{"cookieconsent2", "cookieconsent.min.js"},
			Inline:     []string{"cookieconsent.initialise", "cookieconsent_options"},
			Accept:     []string{".cc-window .cc-allow", ".cc-window .cc-dismiss", ".cc_banner .cc_btn_accept_all"},
		},
		{
			Vendor:     "consentmanager",
			Name:       "consentmanager.net",
			Containers: []string{"#cmpbox"},
			Markers:    []string{"#cmpwrapper"},
			Scripts:    []string{"consentmanager.net"},
			Accept:     []string{"#cmpbox .cmpboxbtnyes", "#cmpwelcomebtnyes a", "#cmpbntyestxt"},
		},
		{
			Vendor:  "cookie-notice",
			Name:    "Cookie Notice & Compliance (Hu-manity.co)",
			Markers: []string{"#cookie-notice.cn-position-bottom", "#cookie-notice.cn-position-top", "#cn-notice-text"},
			Scripts: []string{"/cookie-notice/js/", "/cookie-notice/css/"},
			Inline:  []string{"cnArgs"},
			Globals: []string{"cnArgs"},
			Accept:  []string{"#cn-accept-cookie"},
		},
		{
			Vendor:     "cookie-script",
			Name:       "Cookie-Script",
			Containers: []string{"#cookiescript_injected"},
			Scripts:    []string{"cookie-script.com"},
			Accept:     []string{"#cookiescript_accept"},
		},
		{
			Vendor:     "moove-gdpr",
			Name:       "GDPR Cookie Compliance (Moove)",
			Containers: []string{"#moove_gdpr_cookie_info_bar", "#moove_gdpr_cookie_modal .moove-gdpr-modal-content"},
			Markers:    []string{"#moove_gdpr_cookie_modal", ".moove-gdpr-info-bar-container"},
			Scripts:    []string{"/gdpr-cookie-compliance/"},
			Inline:     []string{"moove_frontend_gdpr_scripts"},
			Accept:     []string{".moove-gdpr-infobar-allow-all", ".moove-gdpr-modal-allow-all"},
		},
		{
			Vendor:     "blogger",
			Name:       "Blogger cookie notice (cookieChoices)",
			Containers: []string{"#cookieChoiceInfo"},
			Scripts:    []string{"/js/cookienotice.js"},
			Inline:     []string{"cookieChoices"},
			Globals:    []string{"cookieChoices"},
			Accept:     []string{"#cookieChoiceDismiss"},
		},
		{
			Vendor:     "evidon",
			Name:       "Crownpeak (Evidon)",
			Containers: []string{"#_evidon_banner", "#_evidon-barrier-wrapper"},
			Markers:    []string{"[data-evidon-consent-cookie-reset-date]", ".evidon-consent-link"},
			Scripts:    []string{"evidon.com/"},
			Globals:    []string{"evidon"},
			Accept:     []string{"#_evidon-accept-button", "#_evidon-barrier-accept-button"},
		},
		{
			Vendor:  "iab-tcf",
			Name:    "IAB TCF API (__tcfapi)",
			Inline:  []string{"__tcfapiLocator", "__cmpLocator"},
			Globals: []string{"__tcfapi"},
			API:     "tcf",
		},
		{
			Vendor:  "iab-gpp",
			Name:    "IAB GPP API (__gpp)",
			Inline:  []string{"__gppLocator"},
			Globals: []string{"__gpp"},
			API:     "gpp",
		},
	}
}
