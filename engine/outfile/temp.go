// Package outfile holds the two steps of writing an output into a temporary file beside it and
// renaming that into place, so that an interrupted write never leaves a half-written output:
// creating the temporary file (CreateTemp) and making the rename durable (SyncDir). The
// exports of engine/source and the definition files of engine/definition use them; it runs
// no SQL, so that saving a definition does not need database/sql.
package outfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
)

// CreateTemp creates the temporary file in which an output for path is written before it is
// renamed into place: .BASE.tmp-PID-RANDOM in path's folder. It first removes the
// temporary files for path left by seglab processes that no longer run (killed midway), so
// that an interrupted write leaves no lasting debris; those of running processes are kept.
func CreateTemp(path string) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	prefix := "." + base + ".tmp-"
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			rest, ok := strings.CutPrefix(e.Name(), prefix)
			if !ok || e.IsDir() {
				continue
			}
			pidText, _, _ := strings.Cut(rest, "-")
			if pid, err := strconv.Atoi(pidText); err == nil && pid != os.Getpid() && !processRuns(pid) {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	f, err := os.CreateTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, inputerr.New(path, "cannot write here: %v", err)
	}
	return f, nil
}

// SyncDir makes the renames in folder dir durable. A file system that cannot sync a folder is
// not an error: the renames stand regardless.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	f.Sync()
	return nil
}
