package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// sessionDirPrefix begins the name of every session's temporary folder; the owner's process
// id follows it, then a dash and a random part.
const sessionDirPrefix = "seglab-session-"

// makeSessionDir creates the temporary folder of a new session in the OS temporary folder,
// named after this process, after removing the folders of sessions whose process has ended
// without closing them (killed, or crashed): they can hold gigabytes of DuckDB spill files.
// A folder whose owner cannot be told, or is still running, is left alone.
func makeSessionDir() (string, error) {
	removeOrphanSessionDirs(os.TempDir())
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", sessionDirPrefix, os.Getpid()))
}

// removeOrphanSessionDirs removes, under dir, the session folders whose owning process is
// known to have ended. Errors are ignored: cleaning up is a courtesy, not part of the work.
func removeOrphanSessionDirs(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), sessionDirPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		if !ok {
			continue
		}
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 || pid == os.Getpid() || !processEnded(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
