package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"strings"
)

// siteCSS returns the shared style sheet (about 20 KB, as a small site's bundle is).
func siteCSS() []byte {
	var b strings.Builder
	b.WriteString(`*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:17px/1.6 Georgia,serif;color:#222;background:#fafafa}
.site-header{display:flex;align-items:center;gap:24px;padding:12px 32px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:10}
.main-nav ul{display:flex;flex-wrap:wrap;gap:12px;list-style:none;margin:0;padding:0}
.main-nav a{color:#444;text-decoration:none;font:14px/1.2 Helvetica,Arial,sans-serif;text-transform:capitalize}
main{max-width:760px;margin:32px auto;padding:0 16px}
article h1{font-size:38px;line-height:1.15;margin:0 0 12px}
article figure{margin:24px 0}article img{max-width:100%;height:auto;display:block}
figcaption{font:13px/1.4 Helvetica,Arial,sans-serif;color:#666;margin-top:6px}
.related,.archive{border-top:3px solid #222;margin-top:40px;padding-top:8px}
.archive ul{columns:3;font-size:12px}
.sidebar{max-width:760px;margin:0 auto;padding:0 16px}
.site-footer{background:#222;color:#ccc;padding:32px;margin-top:48px}
.site-footer ul{columns:4;list-style:none;padding:0}.site-footer a{color:#ccc}
.share-bar{display:flex;gap:8px;margin:16px 0}.share-bar button{border:1px solid #ccc;background:#fff;padding:4px 10px;border-radius:3px}
.reading-time{font:13px Helvetica,Arial,sans-serif;color:#888}
#onetrust-banner-sdk{position:fixed;left:0;right:0;bottom:0;background:#fff;box-shadow:0 -2px 12px rgba(0,0,0,.2);padding:20px 32px;z-index:1000;font:15px/1.4 Helvetica,Arial,sans-serif}
#onetrust-banner-sdk button{margin-right:12px;padding:8px 16px}
`)
	// The utility classes of a CSS framework: many small rules.
	props := []string{"margin", "padding", "margin-top", "margin-bottom", "padding-left", "padding-right"}
	for _, p := range props {
		for k := range 40 {
			fmt.Fprintf(&b, ".%s-%d{%s:%dpx}\n", strings.ReplaceAll(p, "-", ""), k, p, k*4)
		}
	}
	for k := range 60 {
		fmt.Fprintf(&b, ".c-%d{color:#%02x%02x%02x}.bg-%d{background-color:#%02x%02x%02x}\n",
			k, (k*37)%256, (k*91)%256, (k*53)%256, k, 255-(k*7)%64, 255-(k*11)%64, 255-(k*13)%64)
	}
	return []byte(b.String())
}

// themeCSS returns a section's style sheet.
func themeCSS(k int) []byte {
	var b strings.Builder
	hue := k * 36
	fmt.Fprintf(&b, ".theme-%d .site-header{border-bottom-color:hsl(%d,60%%,45%%)}\n", k, hue)
	fmt.Fprintf(&b, ".theme-%d a{color:hsl(%d,70%%,35%%)}\n.theme-%d h2{color:hsl(%d,40%%,30%%)}\n", k, hue, k, hue)
	for j := range 80 {
		fmt.Fprintf(&b, ".theme-%d .card-%d{border-left:4px solid hsl(%d,50%%,%d%%);padding:%dpx}\n", k, j, hue, 30+j%40, 4+j%12)
	}
	return []byte(b.String())
}

// Scripts. analytics.js sends a beacon after the load event, as trackers do; widgets.js
// decorates the article; related.js fetches the related links (the target links of a JS page)
// and inserts them; consent.js shows a consent banner (OneTrust's markup) that hides nothing.
const (
	analyticsJS = `(function(){
  var t0 = performance.now();
  function hash(s){var h=0;for(var i=0;i<s.length;i++){h=(h*31+s.charCodeAt(i))|0}return h}
  window.addEventListener('load', function(){
    var n = document.getElementsByTagName('*').length;
    var id = hash(location.pathname + n);
    setTimeout(function(){
      fetch('/collect?e=pageview&id=' + id + '&n=' + n + '&t=' + Math.round(performance.now() - t0), {method: 'POST', keepalive: true});
    }, 150);
  });
})();
`
	widgetsJS = `(function(){
  var article = document.querySelector('article');
  if (!article) return;
  var text = article.textContent || '';
  var words = text.split(/\s+/).length;
  var rt = document.createElement('p');
  rt.className = 'reading-time';
  rt.textContent = Math.max(1, Math.round(words / 230)) + ' min read';
  article.insertBefore(rt, article.children[1] || null);
  var bar = document.createElement('div');
  bar.className = 'share-bar';
  ['Share', 'Save', 'Print'].forEach(function(label){
    var b = document.createElement('button');
    b.type = 'button'; b.textContent = label;
    b.addEventListener('click', function(){ window.print && label === 'Print' && window.print(); });
    bar.appendChild(b);
  });
  article.insertBefore(bar, rt.nextSibling);
  var toc = document.createElement('nav');
  toc.className = 'toc';
  article.querySelectorAll('h2[id]').forEach(function(h){
    var a = document.createElement('a');
    a.href = '#' + h.id; a.textContent = h.textContent;
    toc.appendChild(a); toc.appendChild(document.createTextNode(' '));
  });
  article.insertBefore(toc, bar.nextSibling);
})();
`
	relatedJS = `(function(){
  var box = document.getElementById('related');
  if (!box) return;
  fetch('/api/related/' + box.getAttribute('data-page') + '.json')
    .then(function(r){ return r.json(); })
    .then(function(links){
      var ul = box.querySelector('ul');
      links.forEach(function(l){
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = l.href; a.textContent = l.text;
        li.appendChild(a); ul.appendChild(li);
      });
    });
})();
`
	consentJS = `(function(){
  if (document.cookie.indexOf('OptanonAlertBoxClosed=') >= 0) return;
  var d = document.createElement('div');
  d.id = 'onetrust-banner-sdk';
  d.setAttribute('role', 'dialog');
  d.innerHTML = '<p id="onetrust-policy-text">We and our partners use cookies to measure this site and to show you relevant content. Choose what you accept.</p>' +
    '<button id="onetrust-accept-btn-handler" type="button">Accept all</button>' +
    '<button id="onetrust-reject-all-handler" type="button">Reject all</button>';
  function close(){ document.cookie = 'OptanonAlertBoxClosed=' + new Date().toISOString() + '; path=/'; d.remove(); }
  d.querySelectorAll('button').forEach(function(b){ b.addEventListener('click', close); });
  document.body.appendChild(d);
})();
`
)

// photo returns a JPEG of a made-up photograph: smooth shapes and some grain, so that it
// weighs what a web photo of that size does (about 20-40 KB).
func photo(seed uint64, w, h int) ([]byte, error) {
	rng := rand.New(rand.NewPCG(seed, 4))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	base := [3]float64{rng.Float64() * 200, rng.Float64() * 200, rng.Float64() * 200}
	fx, fy := 2+rng.Float64()*6, 2+rng.Float64()*6
	for y := range h {
		for x := range w {
			u, v := float64(x)/float64(w), float64(y)/float64(h)
			wave := 40 * math.Sin(fx*u*math.Pi+fy*v*math.Pi)
			grain := rng.Float64()*24 - 12
			var c [3]uint8
			for i := range c {
				c[i] = clamp(base[i] + 55*u + 35*v + wave*float64(i+1)/3 + grain)
			}
			img.Set(x, y, color.RGBA{c[0], c[1], c[2], 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 72}); err != nil {
		return nil, fmt.Errorf("encode photo: %w", err)
	}
	return buf.Bytes(), nil
}

// logo returns the site's PNG logo.
func logo() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 160, 40))
	for y := range 40 {
		for x := range 160 {
			c := color.RGBA{20, 20, 20, 255}
			if (x/8+y/8)%5 == 0 {
				c = color.RGBA{200, 30, 40, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode logo: %w", err)
	}
	return buf.Bytes(), nil
}

func clamp(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}
