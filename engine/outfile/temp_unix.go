//go:build unix

package outfile

import "syscall"

// processRuns reports whether a process with id pid exists.
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
