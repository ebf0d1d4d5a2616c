package proctree

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestParseStat(t *testing.T) {
	tests := []struct {
		in      string
		want    Proc
		wantErr bool
	}{
		{
			in:   "1234 (chromium) S 1200 1234 1234 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 12 0 555 123456789 2000 18446744073709551615",
			want: Proc{PID: 1234, PPID: 1200, Comm: "chromium", RSS: 2000 * uint64(os.Getpagesize()), CPU: 3 * time.Second, ChildCPU: 100 * time.Millisecond},
		},
		{
			in:   "77 (Web Content (x)) R 1 77 77 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 1 10 1",
			want: Proc{PID: 77, PPID: 1, Comm: "Web Content (x)", RSS: 10 * uint64(os.Getpagesize()), CPU: 20 * time.Millisecond},
		},
		{in: "12 (x) S 1 2 3", wantErr: true},
		{in: "no parens here", wantErr: true},
		{in: "12 (x) S one 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 1 10 1", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseStat([]byte(tt.in))
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("ParseStat(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParsePSS(t *testing.T) {
	tests := []struct {
		in      string
		want    uint64
		wantErr bool
	}{
		{"55d0-7ffc ---p 00000000 00:00 0 [rollup]\nRss: 2048 kB\nPss: 1500 kB\nPss_Anon: 900 kB\n", 1500 * 1024, false},
		{"Rss: 10 kB\n", 0, true},
		{"Pss: lots kB\n", 0, true},
	}
	for _, tt := range tests {
		got, err := ParsePSS([]byte(tt.in))
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParsePSS(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestDescendants(t *testing.T) {
	procs := []Proc{{PID: 1}, {PID: 10, PPID: 1}, {PID: 11, PPID: 10}, {PID: 12, PPID: 11}, {PID: 13, PPID: 10}, {PID: 20, PPID: 1}}
	tests := []struct {
		root int
		want []int
	}{
		{10, []int{11, 13, 12}},
		{11, []int{12}},
		{12, nil},
		{99, nil},
	}
	for _, tt := range tests {
		var got []int
		for _, p := range Descendants(procs, tt.root) {
			got = append(got, p.PID)
		}
		if len(got) != len(tt.want) {
			t.Errorf("Descendants(%d) = %v, want %v", tt.root, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Descendants(%d) = %v, want %v", tt.root, got, tt.want)
			}
		}
	}
}

// TestTree runs a shell that leaves an orphan behind, measures the tree and reaps it.
func TestTree(t *testing.T) {
	if err := SetSubreaper(); err != nil {
		t.Fatal(err)
	}
	u0, s0, err := ChildrenCPU()
	if err != nil {
		t.Fatal(err)
	}
	// The shell burns some CPU, starts a sleeper and exits: the sleeper is orphaned to us.
	cmd := exec.Command("sh", "-c", "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; sleep 30 & sleep 0.3; exit 0")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var seen Summary
	s := Start(os.Getpid(), cmd.Process.Pid, 20*time.Millisecond, true, nil)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	seen = s.Stop()
	if seen.Samples == 0 || seen.PeakRSS == 0 || seen.PeakPSS == 0 || seen.PeakProc < 2 || seen.RootCPU == 0 {
		t.Errorf("summary %+v: want samples of two processes with memory", seen)
	}
	if m, err := Measure(os.Getpid(), 0, false); err != nil || m.Procs != 1 {
		t.Errorf("after the shell: %+v, %v; want the orphaned sleeper", m, err)
	}
	killed, err := ReapOrphans(context.Background(), 200*time.Millisecond)
	if err != nil || killed != 1 {
		t.Errorf("ReapOrphans = %d, %v; want 1 killed", killed, err)
	}
	if m, err := Measure(os.Getpid(), 0, false); err != nil || m.Procs != 0 {
		t.Errorf("after reaping: %+v, %v", m, err)
	}
	u1, s1, err := ChildrenCPU()
	if err != nil || u1+s1 <= u0+s0 {
		t.Errorf("children CPU %v -> %v (%v): want growth", u0+s0, u1+s1, err)
	}
}

func TestReapOrphansNone(t *testing.T) {
	killed, err := ReapOrphans(context.Background(), 50*time.Millisecond)
	if err != nil || killed != 0 {
		t.Errorf("ReapOrphans with no child = %d, %v", killed, err)
	}
}
