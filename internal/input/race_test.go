//go:build race

package input

// raceEnabled relaxes timing checks under the race detector.
const raceEnabled = true
