// Command lpprof runs the linkproof command line in-process with Go's CPU profiler on, so that
// BENCHMARKS.md can say where linkproof's own (Go) time goes. Chrome's time is not in the
// profile: it is another process (see bench/cmd/phases for that).
//
//	go run ./bench/cmd/lpprof -cpuprofile cpu.prof -- batch rows.csv --out DIR --concurrency 4
//	go tool pprof -top cpu.prof
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/linkproof/linkproof/internal/cli"
)

func main() {
	cpu := flag.String("cpuprofile", "cpu.prof", "where the CPU profile goes")
	heap := flag.String("memprofile", "", "where a heap profile taken at the end goes (optional)")
	flag.Parse()
	f, err := os.Create(*cpu)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lpprof:", err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "lpprof:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, flag.Args(), cli.System())
	stop()
	pprof.StopCPUProfile()
	f.Close()
	if *heap != "" {
		if h, err := os.Create(*heap); err == nil {
			pprof.WriteHeapProfile(h)
			h.Close()
		}
	}
	os.Exit(code)
}
