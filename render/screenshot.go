package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig of JPEG screenshots
	_ "image/png"  // DecodeConfig of PNG screenshots
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
)

// Screenshot formats.
const (
	FormatPNG  = "png"
	FormatJPEG = "jpeg"
)

// Screenshot settings.
const (
	jpegQuality   = 80   // full-page screenshots
	linkMargin    = 150  // CSS px of context around a link
	maxClipWidth  = 4000 // CSS px: a link screenshot is at most this wide
	unmarkTimeout = 2 * time.Second
)

// Screenshot is an encoded image of a page.
type Screenshot struct {
	Data   []byte
	Format string // FormatPNG or FormatJPEG
	// Width and Height are the image's size in pixels.
	Width, Height int
	// Scale is image pixels per CSS pixel: 1, or the browser's screenshot
	// scale for a full-page Screenshot (WithScreenshotScale).
	Scale float64
	// Capped reports that the page is taller than the maximum screenshot
	// height (WithMaxScreenshotHeight) and was cut there.
	Capped bool
	// FullHeight is the document's height in CSS px.
	FullHeight int
}

// docSize is what extract.js's size() returns.
type docSize struct {
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Screenshot captures the whole page from the top, the viewport's width and
// the document's height capped at the maximum screenshot height, as a JPEG of
// quality 80 at the browser's screenshot scale (default 0.5: a PNG of a long
// page is two to three times slower and larger, a full-resolution JPEG three
// times slower).
// ctx bounds the capture; without a deadline it is bounded by 30s.
func (p *Page) Screenshot(ctx context.Context) (Screenshot, error) {
	t, err := p.liveTab()
	if err != nil {
		return Screenshot{}, err
	}
	cctx, cancel := t.callCtx(ctx)
	defer cancel()
	var size docSize
	if err := t.worldEval(cctx, "scrollTo(0, 0), __linkproof.size()", false, &size); err != nil {
		return Screenshot{}, fmt.Errorf("screenshot of %s: %w", p.URL, err)
	}
	full := int(math.Ceil(size.H))
	height := min(max(full, 1), t.b.cfg.maxShotHeight)
	clip := &page.Viewport{Width: float64(t.b.cfg.width), Height: float64(height), Scale: t.b.cfg.shotScale}
	shot, err := t.capture(cctx, FormatJPEG, clip, true)
	if err != nil {
		return Screenshot{}, fmt.Errorf("screenshot of %s: %w", p.URL, err)
	}
	shot.Scale = t.b.cfg.shotScale
	shot.FullHeight = full
	shot.Capped = full > t.b.cfg.maxShotHeight
	return shot, nil
}

// ViewportScreenshot captures what a visitor sees first: the viewport at the
// top of the page, as a PNG. ctx bounds the capture; without a deadline it
// is bounded by 30s.
func (p *Page) ViewportScreenshot(ctx context.Context) (Screenshot, error) {
	t, err := p.liveTab()
	if err != nil {
		return Screenshot{}, err
	}
	cctx, cancel := t.callCtx(ctx)
	defer cancel()
	var size docSize
	if err := t.worldEval(cctx, "scrollTo(0, 0), __linkproof.size()", false, &size); err != nil {
		return Screenshot{}, fmt.Errorf("viewport screenshot of %s: %w", p.URL, err)
	}
	shot, err := t.capture(cctx, FormatPNG, nil, false)
	if err != nil {
		return Screenshot{}, fmt.Errorf("viewport screenshot of %s: %w", p.URL, err)
	}
	shot.FullHeight = int(math.Ceil(size.H))
	return shot, nil
}

// markResult is what extract.js's mark() returns.
type markResult struct {
	Error  string     `json:"error"`
	Box    [4]float64 `json:"box"` // x, y, width, height
	Width  float64    `json:"width"`
	Height float64    `json:"height"`
}

// LinkScreenshot captures the link with 150 px of context around it, outlined
// in red (a 3px solid outline, offset 2px, added for the capture and removed
// after), as a PNG. The link is found again by its Selector. It fails when the
// link is gone or hidden; a covered link is captured, with what covers it. ctx
// bounds the capture; without a deadline it is bounded by 30s.
func (p *Page) LinkScreenshot(ctx context.Context, l Link) (Screenshot, error) {
	t, err := p.liveTab()
	if err != nil {
		return Screenshot{}, err
	}
	if l.Selector == "" {
		return Screenshot{}, errors.New("link screenshot: the link has no selector")
	}
	cctx, cancel := t.callCtx(ctx)
	defer cancel()
	var m markResult
	if err := t.worldEval(cctx, "__linkproof.mark("+jsString(l.Selector)+")", false, &m); err != nil {
		return Screenshot{}, fmt.Errorf("link screenshot of %s: %w", l.Href, err)
	}
	defer func() {
		uctx, cancel := joinCtx(t.ctx, context.Background(), unmarkTimeout)
		defer cancel()
		if err := t.worldEval(uctx, "__linkproof.unmark()", false, nil); err != nil {
			t.b.cfg.logf("render: removing the outline of %s: %v", l.Selector, err)
		}
	}()
	if m.Error != "" {
		return Screenshot{}, fmt.Errorf("link screenshot of %s: %s", l.Href, m.Error)
	}
	bx, by, bw, bh := m.Box[0], m.Box[1], m.Box[2], m.Box[3]
	x0 := math.Max(0, math.Floor(bx-linkMargin))
	y0 := math.Max(0, math.Floor(by-linkMargin))
	x1 := math.Min(math.Max(m.Width, float64(t.b.cfg.width)), math.Ceil(bx+bw+linkMargin))
	y1 := math.Min(m.Height, math.Ceil(by+bh+linkMargin))
	w := math.Min(x1-x0, maxClipWidth)
	h := math.Min(y1-y0, float64(t.b.cfg.maxShotHeight))
	if w < 1 || h < 1 {
		return Screenshot{}, fmt.Errorf("link screenshot of %s: the link is outside the page", l.Href)
	}
	clip := &page.Viewport{X: x0, Y: y0, Width: w, Height: h, Scale: 1}
	shot, err := t.capture(cctx, FormatPNG, clip, !t.scrollToClip(cctx, clip))
	if err != nil {
		return Screenshot{}, fmt.Errorf("link screenshot of %s: %w", l.Href, err)
	}
	shot.FullHeight = int(math.Ceil(m.Height))
	return shot, nil
}

// scrollToClip scrolls the page so that clip (page coordinates) is in the
// middle of the viewport, and reports whether all of it is in view. A clip in
// view is captured as it is drawn; capturing beyond the viewport instead
// resizes the page to its full height and back, which costs a layout and a
// raster of the whole page each time. Fixed elements show where a visitor who
// scrolled there sees them.
func (t *tab) scrollToClip(ctx context.Context, clip *page.Viewport) bool {
	w, h := float64(t.b.cfg.width), float64(t.b.cfg.height)
	if clip.X+clip.Width > w || clip.Height > h {
		return false
	}
	y := math.Max(0, math.Floor(clip.Y-(h-clip.Height)/2))
	var at struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	}
	expr := fmt.Sprintf("scrollTo(0, %d), ({x: scrollX, y: scrollY})", int(y))
	if err := t.worldEval(ctx, expr, false, &at); err != nil {
		return false
	}
	return at.X == 0 && at.Y <= clip.Y && clip.Y+clip.Height <= at.Y+h
}

// capture takes a screenshot of clip (in page coordinates; nil: the viewport),
// beyond the viewport when beyond is set.
func (t *tab) capture(ctx context.Context, format string, clip *page.Viewport, beyond bool) (Screenshot, error) {
	params := page.CaptureScreenshotParams{
		Format:      page.CaptureScreenshotFormatPng,
		FromSurface: new(true),
		Clip:        clip,
	}
	if format == FormatJPEG {
		params.Format = page.CaptureScreenshotFormatJpeg
		params.Quality = new(int64(jpegQuality))
	}
	if clip != nil && beyond {
		params.CaptureBeyondViewport = new(true)
	}
	res, err := cdp.Call(ctx, t.target, page.CaptureScreenshot, params)
	if err != nil {
		return Screenshot{}, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(res.Data))
	if err != nil {
		return Screenshot{}, fmt.Errorf("decoding the screenshot: %w", err)
	}
	return Screenshot{Data: res.Data, Format: format, Width: cfg.Width, Height: cfg.Height, Scale: 1}, nil
}
