//go:build unix

package data

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A session folder left by a process that has ended is removed when the next session opens;
// the folders of running processes (this one, a live child) and foreign folders stay.
func TestOrphanSessionFoldersAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Skip("no 'true' command to take a finished process id from")
	}
	live := exec.Command("sleep", "30")
	if err := live.Start(); err != nil {
		t.Skip("no 'sleep' command for a running process")
	}
	defer func() { live.Process.Kill(); live.Wait() }()

	orphan := filepath.Join(tmp, fmt.Sprintf("%s%d-123", sessionDirPrefix, ended.Process.Pid))
	running := filepath.Join(tmp, fmt.Sprintf("%s%d-456", sessionDirPrefix, live.Process.Pid))
	foreign := filepath.Join(tmp, sessionDirPrefix+"not-a-pid")
	for _, d := range []string{orphan, running, foreign} {
		if err := os.MkdirAll(filepath.Join(d, "duckdb"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("the folder of an ended session is still there (%v)", err)
	}
	for _, d := range []string{running, foreign} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
	own := s.tempDir
	if filepath.Dir(own) != tmp {
		t.Errorf("the session's folder %s is not in TMPDIR %s", own, tmp)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); !os.IsNotExist(err) {
		t.Errorf("Close left the session's folder (%v)", err)
	}
}
