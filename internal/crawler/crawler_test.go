package crawler

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{DefaultNames, []string{"googlebot", "bingbot", "ahrefsbot", "semrushbot", "mj12bot", "dotbot"}, ""},
		{" GoogleBot , gptbot,googlebot", []string{"googlebot", "gptbot"}, ""},
		{"yandexbot,applebot", []string{"yandexbot", "applebot"}, ""},
		{"googlebot,nosuchbot", nil, `unknown crawler "nosuchbot"`},
		{" , ", nil, "no crawler named"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		var names []string
		for _, p := range got {
			names = append(names, p.Name)
			if p.Token == "" || p.UserAgent == "" || p.MetaName == "" {
				t.Errorf("profile %s is incomplete: %+v", p.Name, p)
			}
			if !strings.Contains(strings.ToLower(p.UserAgent), strings.ToLower(strings.TrimSuffix(p.Token, "bot"))) {
				t.Errorf("profile %s: user agent %q does not carry its token %q", p.Name, p.UserAgent, p.Token)
			}
		}
		if strings.Join(names, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Parse(%q) = %v, want %v", tt.in, names, tt.want)
		}
	}
}
