//go:build !race

package render

// raceEnabled is true under the race detector, which makes decoding JSON
// several times slower: timing assertions are relaxed then.
const raceEnabled = false
