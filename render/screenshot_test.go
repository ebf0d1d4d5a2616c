package render

import (
	"bytes"
	"context"
	"image"
	"testing"
	"time"
)

// decode decodes a screenshot and checks its format and size.
func decode(t *testing.T, s Screenshot) image.Image {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(s.Data))
	if err != nil {
		t.Fatalf("decoding the %s screenshot: %v", s.Format, err)
	}
	if format != s.Format || img.Bounds().Dx() != s.Width || img.Bounds().Dy() != s.Height {
		t.Fatalf("screenshot says %s %dx%d, image is %s %v", s.Format, s.Width, s.Height, format, img.Bounds())
	}
	return img
}

// colours counts the distinct colours of a grid of samples, and the samples
// that are clearly red.
func colours(img image.Image) (distinct, red int) {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			if r>>8 > 200 && g>>8 < 60 && bl>>8 < 60 {
				red++
			}
		}
	}
	return len(seen), red
}

func TestScreenshots(t *testing.T) {
	t.Parallel()
	p := open(t, "/screenshot.html")
	ctx := context.Background()

	start := time.Now()
	full, err := p.Screenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("full-page screenshot: %v, %d bytes", time.Since(start), len(full.Data))
	img := decode(t, full)
	// Half scale by default: 640 pixels for the 1280 px viewport.
	if full.Format != FormatJPEG || full.Width != 640 || abs(full.Height-p.Height/2) > 1 || full.Scale != 0.5 || full.Capped || full.FullHeight != p.Height {
		t.Errorf("full page: %s %dx%d scale %v capped %v full %d (page %dx%d)", full.Format, full.Width, full.Height, full.Scale, full.Capped, full.FullHeight, p.Width, p.Height)
	}
	if n, _ := colours(img); n < 5 {
		t.Errorf("the full-page screenshot has %d colours: blank?", n)
	}

	vp, err := p.ViewportScreenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	img = decode(t, vp)
	if vp.Format != FormatPNG || vp.Width != 1280 || vp.Height != 800 || vp.Scale != 1 {
		t.Errorf("viewport: %s %dx%d", vp.Format, vp.Width, vp.Height)
	}
	r, g, b, _ := img.At(10, 10).RGBA()
	if r>>8 > 60 || g>>8 < 120 || b>>8 < 220 {
		t.Errorf("the top left of the viewport is not the blue band: %d %d %d", r>>8, g>>8, b>>8)
	}

	l := link(t, p, "/target", LinkA)
	ls, err := p.LinkScreenshot(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	img = decode(t, ls)
	if ls.Format != FormatPNG || ls.Width < int(l.Box.Width)+150 || ls.Height < int(l.Box.Height)+250 {
		t.Errorf("link screenshot %dx%d for a link of %+v", ls.Width, ls.Height, l.Box)
	}
	if _, red := colours(img); red < 20 {
		t.Errorf("the link screenshot shows %d red samples: no outline", red)
	}
	// The outline is removed afterwards.
	var outline string
	if err := p.Evaluate(ctx, "document.getElementById('target').style.outline", &outline); err != nil || outline != "" {
		t.Errorf("outline left on the link: %q %v", outline, err)
	}
	if _, err := p.LinkScreenshot(ctx, Link{Selector: "#nope", Href: "x"}); err == nil {
		t.Error("LinkScreenshot of a missing element succeeded")
	}
}

func TestLinkScreenshotHidden(t *testing.T) {
	t.Parallel()
	p := open(t, "/hidden.html", WithoutScroll())
	ctx := context.Background()
	if _, err := p.LinkScreenshot(ctx, link(t, p, "/display", LinkA)); err == nil {
		t.Error("LinkScreenshot of a display:none link succeeded")
	}
	s, err := p.LinkScreenshot(ctx, link(t, p, "/covered", LinkA))
	if err != nil {
		t.Fatalf("LinkScreenshot of a covered link: %v", err)
	}
	decode(t, s)
}

func TestScreenshotCapped(t *testing.T) {
	t.Parallel()
	p := open(t, "/tall?h=30000", WithoutScroll())
	s, err := p.Screenshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	decode(t, s)
	if !s.Capped || s.Height != DefaultMaxScreenshotHeight/2 || s.FullHeight < 30000 {
		t.Errorf("Capped %v Height %d FullHeight %d", s.Capped, s.Height, s.FullHeight)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestWithScreenshotScale(t *testing.T) {
	for _, tc := range []struct {
		in, want float64
	}{
		{0, DefaultScreenshotScale}, {-1, DefaultScreenshotScale}, {0.05, DefaultScreenshotScale},
		{1.5, DefaultScreenshotScale}, {0.1, 0.1}, {0.75, 0.75}, {1, 1},
	} {
		c := defaultConfig()
		WithScreenshotScale(tc.in)(&c)
		if c.shotScale != tc.want {
			t.Errorf("WithScreenshotScale(%v): %v, want %v", tc.in, c.shotScale, tc.want)
		}
	}
}

// A link far below the first viewport is scrolled into view for its screenshot
// (no capture beyond the viewport); the image is the link with its margin,
// outlined, and not the fixed header.
func TestLinkScreenshotScrolled(t *testing.T) {
	t.Parallel()
	p := open(t, "/screenshot-deep.html", WithoutScroll())
	ctx := context.Background()
	l := link(t, p, "/deep", LinkA)
	if l.Box.Y < 2900 {
		t.Fatalf("the link is at y=%v, not far down", l.Box.Y)
	}
	s, err := p.LinkScreenshot(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, s)
	if s.Width < int(l.Box.Width)+150 || s.Height < int(l.Box.Height)+250 || s.Height > 800 {
		t.Errorf("link screenshot %dx%d for a link of %+v", s.Width, s.Height, l.Box)
	}
	if _, red := colours(img); red < 20 {
		t.Errorf("the link screenshot shows %d red samples: no outline", red)
	}
	var y float64
	if err := p.Evaluate(ctx, "scrollY", &y); err != nil || y < 2000 {
		t.Errorf("scrollY = %v (%v): the link was not scrolled into view", y, err)
	}
	// The top rows are the yellow-green gradient above the paragraph, not the
	// dark fixed header (it is in view, but above the centred clip).
	r, g, _, _ := img.At(s.Width/2, 2).RGBA()
	if r>>8 < 20 && g>>8 < 100 {
		t.Errorf("the top of the link screenshot is dark (%d, %d): the fixed header covers it", r>>8, g>>8)
	}
}
