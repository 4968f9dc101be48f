package data

import "syscall"

// physicalMemory returns the machine's physical memory in bytes, 0 when it cannot be read.
func physicalMemory() int64 {
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}
