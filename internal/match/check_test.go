package match

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		raw  string
		want string // substring of the error; "" for valid
	}{
		{"https://shop.example/product", ""},
		{"http://shop.example", ""},
		{"HTTP://SHOP.EXAMPLE/", ""},
		{"  https://shop.example/p  ", ""},
		{"https://bücher.example/", ""},
		{"http://127.0.0.1:8080/p", ""},
		{"http://[::1]:8080/p", ""},
		{"https://shop.example/50%-off", ""},
		{"https://user@shop.example/", ""},
		{"", "empty URL"},
		{"   ", "empty URL"},
		{"shop.example/product", "missing scheme"},
		{"//shop.example/product", "missing scheme"},
		{"/product", "missing scheme"},
		{"shop.example:8080/p", "missing scheme"},
		{"localhost:8080", "missing scheme"},
		{"ftp://shop.example/p", "scheme ftp is not http(s)"},
		{"mailto:info@shop.example", "scheme mailto is not http(s)"},
		{"javascript:void(0)", "scheme javascript is not http(s)"},
		{"https://", "missing host"},
		{"https:///p", "missing host"},
		{"https:/shop.example/p", "missing host"},
		{"https:shop.example", "missing host"},
		{"http://:8080/", "missing host"},
		{"https://shop.example:port/", "invalid URL"},
		{"https://shop.example:70000/", "invalid URL"},
		{"https://shop example/", "invalid URL"},
		{"https://[::1/", "invalid URL"},
		{"https://[1.2.3.4]/", "invalid URL"},
		{"https://sh%zzop.example/", "invalid URL"},
		{"https://shop{}.example/", "invalid URL"},
	}
	for _, tt := range tests {
		err := Check(tt.raw)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Check(%q) = %v, want nil", tt.raw, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Check(%q) = %v, want error containing %q", tt.raw, err, tt.want)
		}
		// Check and Key agree on what is a URL.
		_, kerr := Key(tt.raw, Loose)
		if (err == nil) != (kerr == nil) {
			t.Errorf("Check(%q) = %v but Key = %v", tt.raw, err, kerr)
		}
	}
}

func TestParseMode(t *testing.T) {
	tests := []struct {
		in      string
		want    Mode
		wantErr bool
	}{
		{"loose", Loose, false},
		{"exact", Exact, false},
		{"EXACT", Exact, false},
		{" Loose ", Loose, false},
		{"", Loose, true},
		{"strict", Loose, true},
	}
	for _, tt := range tests {
		got, err := ParseMode(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseMode(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	for _, m := range []Mode{Loose, Exact} {
		back, err := ParseMode(m.String())
		if err != nil || back != m {
			t.Errorf("ParseMode(%q) = %v, %v; want %v", m.String(), back, err, m)
		}
		text, err := m.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText: %v", m, err)
		}
		var u Mode
		if err := u.UnmarshalText(text); err != nil || u != m {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, u, err, m)
		}
	}
	if got := Mode(9).String(); got != "Mode(9)" {
		t.Errorf("Mode(9).String() = %q", got)
	}
	if _, err := Mode(9).MarshalText(); err == nil {
		t.Error("Mode(9).MarshalText: no error")
	}
	var m Mode
	if err := m.Set("exact"); err != nil || m != Exact {
		t.Errorf("Set(exact) = %v, mode %v", err, m)
	}
	if err := m.Set("fuzzy"); err == nil || m != Exact {
		t.Errorf("Set(fuzzy) = %v, mode %v; want error and mode unchanged", err, m)
	}
	if m.Type() == "" {
		t.Error("Type() is empty")
	}
}
