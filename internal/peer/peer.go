// Package peer finds the independent implementations the tests compare seglab against: the
// scikit-learn peer script in the shared peers folder and Python with scikit-learn, SciPy,
// pandas and NumPy. It is for tests only.
//
// The folder comes from the environment variable SEGLAB_PEERS, by default ../shared/peers
// beside the module's root folder. When something is missing a test is skipped — or fails
// when the environment variable CI is set (.ci/run sets it), so that CI never passes
// without the comparison.
package peer

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Python is the interpreter that has the peer's libraries.
const Python = "/usr/bin/python3"

// Dir returns the peers folder: $SEGLAB_PEERS, or ../shared/peers beside the module root.
func Dir() string {
	if d := os.Getenv("SEGLAB_PEERS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared", "peers")
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "peers")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return filepath.Join("..", "shared", "peers")
		}
		dir = parent
	}
}

// Script returns the path of the peer script name (sklearn_kmeans.py) after checking that
// it and Python with the given modules are there; otherwise it skips t, or fails it under CI.
func Script(t testing.TB, name string, modules ...string) string {
	t.Helper()
	p := filepath.Join(Dir(), name)
	if _, err := os.Stat(p); err != nil {
		missing(t, "the peer "+p)
	}
	Require(t, modules...)
	return p
}

// Require checks that Python imports every module; otherwise it skips t, or fails it
// under CI.
func Require(t testing.TB, modules ...string) {
	t.Helper()
	for _, m := range modules {
		if err := exec.Command(Python, "-c", "import "+m).Run(); err != nil {
			missing(t, Python+" with "+m)
		}
	}
}

func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required under CI (set SEGLAB_PEERS to the peers folder; install python3-sklearn python3-scipy python3-pandas)", what)
	}
	t.Skipf("%s is not available", what)
}
