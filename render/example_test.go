package render_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/png"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/linkproof/linkproof/render"
)

// A blog post whose script adds a second link after the page loaded.
const post = `<!doctype html><title>Post</title>
<main><p>See <a href="https://shop.example/product" rel="nofollow">the product</a>.</p></main>
<script>setTimeout(() => document.body.insertAdjacentHTML('beforeend',
  '<footer><a href="/about">About</a></footer>'), 100)</script>`

func Example() {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, post)
	}))
	defer ts.Close()

	ctx := context.Background()
	b, err := render.New(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer b.Close()

	p, err := b.Open(ctx, ts.URL+"/post")
	if err != nil {
		fmt.Println(err) // ctx is done, or the browser is gone
		return
	}
	defer p.Close()

	fmt.Println(p.Title, p.Status, p.TimedOut, p.Failed)
	for _, l := range p.Links {
		fmt.Println(l.Kind, strings.TrimPrefix(l.Href, ts.URL), l.Rel, l.Placement, l.Visible)
	}

	// Evidence: the link outlined in red, with context around it.
	shot, err := p.LinkScreenshot(ctx, p.Links[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(shot.Data))
	fmt.Println(format, err, cfg.Width == shot.Width, shot.Width > int(p.Links[0].Box.Width))
	// Output:
	// Post 200 false false
	// a https://shop.example/product [nofollow] content true
	// a /about [] footer true
	// png <nil> true true
}
