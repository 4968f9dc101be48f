//go:build !linux

package data

// physicalMemory returns 0 where seglab does not read the physical memory: DuckDB keeps its
// own default memory limit there.
func physicalMemory() int64 { return 0 }
