package definition

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A source reached through a symbolic link that leads out of the definition's folder is
// refused; the same file reached inside the folder is accepted.
func TestSourcePathsResolveSymlinks(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("a\n1\n"), 0o644)
	dir := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "lnk")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "inside.csv"), []byte("a\n1\n"), 0o644)
	defPath := filepath.Join(dir, "seg.yaml")
	d := &Definition{Sources: []Source{{File: "secret.csv", Path: "lnk/secret.csv"}}}
	if _, err := SourcePaths(defPath, d); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("error %v; want the link out of the folder refused", err)
	}
	d.Sources[0].Path = "inside.csv"
	if got, err := SourcePaths(defPath, d); err != nil || len(got) != 1 {
		t.Fatalf("inside source: %v %v", got, err)
	}
}
