package render

import "time"

// Defaults of the browser options.
const (
	// DefaultTimeout is the per-page budget of Open: navigation, settling and
	// scrolling together (not opening the tab, not extracting).
	DefaultTimeout = 30 * time.Second
	// DefaultSettleQuiet is how long the network and the DOM must be quiet
	// before a page counts as settled.
	DefaultSettleQuiet = 500 * time.Millisecond
	// DefaultSettleMax bounds one wait for a quiet page after the load event.
	// A page that never goes quiet (a ticking clock, a carousel, polling) is
	// taken as it is after this long; it is not a timeout.
	DefaultSettleMax = 5 * time.Second
	// DefaultMaxScreenshotHeight caps full-page screenshots and scrolling, in
	// CSS pixels.
	DefaultMaxScreenshotHeight = 8000
	// DefaultScreenshotScale is the scale of full-page screenshots: image
	// pixels per CSS pixel. At 0.5 body text stays legible and the capture
	// costs a third of a full-resolution one (docs/decisions).
	DefaultScreenshotScale = 0.5
	// DefaultViewportWidth and DefaultViewportHeight are the viewport size in
	// CSS pixels.
	DefaultViewportWidth  = 1280
	DefaultViewportHeight = 800
)

// An Option configures a Browser in New.
type Option func(*config)

// config holds the settings of a Browser.
type config struct {
	execPath      string
	width, height int
	userAgent     string
	timeout       time.Duration
	quiet         time.Duration
	settleMax     time.Duration
	maxShotHeight int
	shotScale     float64
	logf          func(string, ...any)
}

func defaultConfig() config {
	return config{
		width:         DefaultViewportWidth,
		height:        DefaultViewportHeight,
		timeout:       DefaultTimeout,
		quiet:         DefaultSettleQuiet,
		settleMax:     DefaultSettleMax,
		maxShotHeight: DefaultMaxScreenshotHeight,
		shotScale:     DefaultScreenshotScale,
		logf:          func(string, ...any) {},
	}
}

// WithExecPath sets the Chrome or Chromium binary: an absolute path or a name
// looked up on PATH. Without it New looks for chromium, chromium-browser,
// google-chrome and headless-shell on PATH. See ExecPath.
func WithExecPath(path string) Option {
	return func(c *config) { c.execPath = path }
}

// WithViewport sets the viewport size in CSS pixels (default 1280x800).
// Values below 1 keep the default.
func WithViewport(width, height int) Option {
	return func(c *config) {
		if width > 0 && height > 0 {
			c.width, c.height = width, height
		}
	}
}

// WithUserAgent sets the User-Agent of every page. The default is the
// browser's own user agent with "HeadlessChrome" replaced by "Chrome", so
// that pages see what a desktop Chrome visitor sees.
func WithUserAgent(ua string) Option {
	return func(c *config) { c.userAgent = ua }
}

// WithTimeout sets the default per-page budget of Open (navigation, settling
// and scrolling; default 30s). A page that has not settled when the budget
// runs out is extracted as it is and marked TimedOut. Values below 1 keep the
// default.
func WithTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithSettle sets the quiet window (default 500ms): a page is settled when no
// network request has been in flight and the DOM has not changed for that
// long. max (default 5s) bounds each wait for such a window after the load
// event; a page that is still busy after max is taken as it is. Values below
// 1 keep the defaults.
func WithSettle(quiet, max time.Duration) Option {
	return func(c *config) {
		if quiet > 0 {
			c.quiet = quiet
		}
		if max > 0 {
			c.settleMax = max
		}
	}
}

// WithMaxScreenshotHeight caps full-page screenshots, and how far Open
// scrolls, in CSS pixels (default 8000). Values below 1 keep the default.
func WithMaxScreenshotHeight(px int) Option {
	return func(c *config) {
		if px > 0 {
			c.maxShotHeight = px
		}
	}
}

// WithScreenshotScale sets the scale of full-page screenshots (Screenshot):
// image pixels per CSS pixel, from 0.1 to 1 (default 0.5). Viewport and link
// screenshots are always at full resolution. Values outside the range keep
// the default.
func WithScreenshotScale(s float64) Option {
	return func(c *config) {
		if s >= 0.1 && s <= 1 {
			c.shotScale = s
		}
	}
}

// WithLogf sets a function that receives diagnostic messages (browser
// start-up, closed popups, terminated scripts). By default they are dropped.
func WithLogf(f func(string, ...any)) Option {
	return func(c *config) {
		if f != nil {
			c.logf = f
		}
	}
}

// A PageOption changes how one Open renders its page.
type PageOption func(*pageConfig)

// pageConfig holds the settings of one Open.
type pageConfig struct {
	timeout   time.Duration
	quiet     time.Duration
	settleMax time.Duration
	scroll    bool
}

// WithPageTimeout sets the budget of this Open, in place of the browser's
// WithTimeout. Values below 1 keep the browser's budget.
func WithPageTimeout(d time.Duration) PageOption {
	return func(c *pageConfig) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithPageSettle sets the quiet window and its bound for this Open, in place
// of the browser's WithSettle. Values below 1 keep the browser's settings.
func WithPageSettle(quiet, max time.Duration) PageOption {
	return func(c *pageConfig) {
		if quiet > 0 {
			c.quiet = quiet
		}
		if max > 0 {
			c.settleMax = max
		}
	}
}

// WithoutScroll makes Open skip scrolling: no lazy-loaded content is
// triggered and no link is marked LazyLoaded.
func WithoutScroll() PageOption {
	return func(c *pageConfig) { c.scroll = false }
}
