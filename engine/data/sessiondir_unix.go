//go:build unix

package data

import (
	"errors"
	"syscall"
)

// processEnded reports whether no process with this id exists.
func processEnded(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
