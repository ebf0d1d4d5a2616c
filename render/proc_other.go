//go:build !linux

package render

// chromeProcesses finds nothing outside Linux: there is no /proc to read.
func chromeProcesses(dir string) []int { return nil }

// killLeftovers does nothing outside Linux; chromedp's process handling and
// the allocator's cancel are all there is.
func killLeftovers(dir string) {}
