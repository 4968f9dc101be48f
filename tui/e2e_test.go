package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestEndToEnd runs .ci/e2e.sh, which drives the real seglab binary in tmux through the
// sample, the sweep, the fit of k = 5 and quitting. Without tmux it is skipped, except under
// CI=1, where it fails: CI must cover it.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and drives the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "1" {
			t.Fatal("tmux is not installed, and CI=1 requires the end-to-end test")
		}
		t.Skip("tmux is not installed")
	}
	script, err := filepath.Abs(filepath.Join("..", ".ci", "e2e.sh"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script).CombinedOutput()
	if err != nil {
		t.Fatalf("%s failed: %v\n%s", script, err, out)
	}
	t.Logf("%s", out)
}
