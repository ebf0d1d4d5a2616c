package extract

import (
	"net/url"
	"testing"
)

func TestResolve(t *testing.T) {
	base, err := url.Parse("https://blog.example/dir/page?q=1#frag")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		raw  string
		want string // "" means rejected
	}{
		{"x", "https://blog.example/dir/x"},
		{"../up", "https://blog.example/up"},
		{"", "https://blog.example/dir/page?q=1"},
		{"#f", "https://blog.example/dir/page?q=1#f"},
		{"\x00 \x1f/ctl \n", "https://blog.example/ctl"},
		{"/a\tb\nc\rd", "https://blog.example/abcd"},
		{`\\other.example\p`, "https://other.example/p"},
		{`/p\q?x=\y`, `https://blog.example/p/q?x=\y`},
		{"https:rel", "https://blog.example/dir/rel"},
		{"https:/abs", "https://blog.example/abs"},
		{"http:host.example/p", "http://host.example/p"},
		{"HTTP://Host.Example:80/", "http://Host.Example:80/"},
		{"http://[::1]:8080/v6", "http://[::1]:8080/v6"},
		{"/q?a b&c=\"d\"", "https://blog.example/q?a%20b&c=%22d%22"},
		{"/é?é=ü", "https://blog.example/%C3%A9?%C3%A9=%C3%BC"},
		{"/100%", "https://blog.example/100%25"},
		{"http://a b.example/", ""},
		{"http://", ""},
		{"https://example.com:port/", ""},
		{"javascript:alert(1)", ""},
		{"mailto:a@b.example", ""},
		{"data:text/plain,x", ""},
		{"file:///etc/passwd", ""},
		{"c:/windows", ""},
	}
	for _, tt := range tests {
		got, ok := resolve(base, tt.raw)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("resolve(%q) = %q, %v; want %q", tt.raw, got, ok, tt.want)
		}
	}
	if _, ok := resolve(nil, "/relative"); ok {
		t.Errorf("resolve without base accepted a relative URL")
	}
}
