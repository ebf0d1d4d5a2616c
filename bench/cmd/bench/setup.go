package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// machine describes where the bench ran.
type machine struct {
	NProc    string
	Memory   string // free -h
	CPU      string // lscpu, first lines
	Chromium string
	Go       string
	Node     string
	Load     string // /proc/loadavg at the start
	Kernel   string
}

// describeMachine runs the commands BENCHMARKS.md quotes. A missing tool leaves its field empty.
func describeMachine(ctx context.Context, chrome string) machine {
	out := func(name string, args ...string) string {
		cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		b, err := exec.CommandContext(cctx, name, args...).CombinedOutput()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(b))
	}
	lscpu := strings.Split(out("lscpu"), "\n")
	load, _ := os.ReadFile("/proc/loadavg")
	return machine{
		NProc:    out("nproc"),
		Memory:   out("free", "-h"),
		CPU:      strings.Join(lscpu[:min(len(lscpu), 10)], "\n"),
		Chromium: firstLine(out(chrome, "--version")),
		Go:       out("go", "version"),
		Node:     out("node", "--version"),
		Load:     strings.TrimSpace(string(load)),
		Kernel:   out("uname", "-sr"),
	}
}

// firstLine drops the noise the Debian wrapper prints before the version.
func firstLine(s string) string {
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		if strings.Contains(l, "Chrom") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(lines[len(lines)-1])
}

// goBuild builds a package of this module into dir and returns the binary's path.
func goBuild(ctx context.Context, dir, pkg, name string) (string, error) {
	bin := filepath.Join(dir, name)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building %s: %w", pkg, err)
	}
	return bin, nil
}

// npmInstall installs the reference's dependencies (playwright-core, pinned by
// package-lock.json) unless they are there.
func npmInstall(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core", "package.json")); err == nil {
		return nil
	}
	fmt.Fprintf(os.Stderr, "bench: npm ci in %s\n", dir)
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci in %s: %w", dir, err)
	}
	return nil
}
