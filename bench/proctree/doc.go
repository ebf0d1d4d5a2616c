// Package proctree measures a tree of processes on Linux: the summed resident memory (RSS,
// and PSS, which counts a shared page once across the tree) of every descendant of a process,
// sampled on an interval, and the CPU time of reaped children. The bench uses it to measure a
// contender with the Chrome it starts. With SetSubreaper, processes orphaned by a contender
// (a Chrome whose parent died first) stay in the tree and are reaped by ReapOrphans.
package proctree
