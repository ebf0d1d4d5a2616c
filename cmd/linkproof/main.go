// Command linkproof settles disputed "lost" backlinks. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/linkproof/linkproof/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.System())
	stop()
	os.Exit(code)
}
