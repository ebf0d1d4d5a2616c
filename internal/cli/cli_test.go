package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linkproof/linkproof/internal/match"
)

func testIO() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut}, out, errOut
}

func testFactory() (*Factory, *bytes.Buffer, *bytes.Buffer) {
	io, out, errOut := testIO()
	return &Factory{IO: io, Getenv: func(string) string { return "" }, Now: time.Now}, out, errOut
}

func TestVerifyArgs(t *testing.T) {
	tests := []struct {
		argv    string
		want    func(t *testing.T, o *VerifyOptions)
		wantErr string
	}{
		{argv: "https://a.example/post https://b.example/", want: func(t *testing.T, o *VerifyOptions) {
			if o.Source != "https://a.example/post" || o.Target != "https://b.example/" || o.JSON {
				t.Errorf("options = %+v", o)
			}
			if len(o.Common.Crawlers) != 6 || o.Common.Match != match.Loose || o.Common.Timeout != 30*time.Second || o.Common.ShotScale != 0.5 {
				t.Errorf("defaults = %+v", o.Common)
			}
		}},
		{argv: "--json --match exact --crawlers gptbot --timeout 5s --no-evidence a b", want: func(t *testing.T, o *VerifyOptions) {
			if !o.JSON || o.Common.Match != match.Exact || len(o.Common.Crawlers) != 1 || o.Common.Crawlers[0].Name != "gptbot" ||
				o.Common.Timeout != 5*time.Second || !o.Common.NoEvidence {
				t.Errorf("options = %+v", o)
			}
		}},
		{argv: "--evidence /tmp/x a b", want: func(t *testing.T, o *VerifyOptions) {
			if o.Out != "/tmp/x" {
				t.Errorf("Out = %q", o.Out)
			}
		}},
		{argv: "--screenshot-scale 1 a b", want: func(t *testing.T, o *VerifyOptions) {
			if o.Common.ShotScale != 1 {
				t.Errorf("ShotScale = %v", o.Common.ShotScale)
			}
		}},
		{argv: "--screenshot-scale 2 a b", wantErr: "--screenshot-scale must be between 0.1 and 1, not 2"},
		{argv: "only-one", wantErr: "verify takes SOURCE and TARGET (got 1 argument)"},
		{argv: "--match fuzzy a b", wantErr: "--match"},
		{argv: "--crawlers googlebot,nobot a b", wantErr: `unknown crawler "nobot"`},
		{argv: "--concurrency 0 a b", wantErr: "--concurrency must be between 1 and 64"},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *VerifyOptions
			cmd := NewCmdVerify(f, func(_ context.Context, o *VerifyOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.argv))
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if exitCode(err) != ExitUsage {
					t.Errorf("exit code = %d, want %d", exitCode(err), ExitUsage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want(t, got)
		})
	}
}

func TestBatchArgs(t *testing.T) {
	f, _, _ := testFactory()
	var got *BatchOptions
	cmd := NewCmdBatch(f, func(_ context.Context, o *BatchOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"links.csv", "--out", "o", "--resume", "--concurrency", "3", "--progress"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.File != "links.csv" || got.Out != "o" || !got.Resume || got.Common.Concurrency != 3 || !got.Common.Progress {
		t.Errorf("options = %+v", got)
	}
	cmd = NewCmdBatch(f, func(context.Context, *BatchOptions) error { return nil })
	cmd.SetArgs([]string{"links.csv"})
	cmd.SetErr(&bytes.Buffer{})
	if err := cmd.Execute(); err == nil || exitCode(err) != ExitUsage || !strings.Contains(err.Error(), "--out") {
		t.Errorf("missing --out: %v", err)
	}
}

func TestMainExitCodes(t *testing.T) {
	tests := []struct {
		argv    []string
		code    int
		errText string
	}{
		{[]string{"--version"}, 0, ""},
		{[]string{"nosuchcommand"}, ExitUsage, "unknown command"},
		{[]string{"verify", "--bogus", "a", "b"}, ExitUsage, "unknown flag"},
		{[]string{"verify", "a"}, ExitUsage, "takes SOURCE and TARGET"},
		{[]string{"batch", "/no/such/file.csv", "--out", "x"}, ExitUsage, "no/such/file.csv"},
	}
	for _, tt := range tests {
		io, _, errOut := testIO()
		code := Main(t.Context(), tt.argv, io)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.argv, code, tt.code, errOut)
		}
		if !strings.Contains(errOut.String(), tt.errText) || (tt.errText != "" && strings.Count(errOut.String(), "\n") != 1) {
			t.Errorf("%v: stderr %q, want one line with %q", tt.argv, errOut, tt.errText)
		}
	}
}

func nowFunc() func() time.Time { return time.Now }
