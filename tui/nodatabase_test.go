package tui

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// module is the import path prefix of seglab's packages.
const module = "github.com/seglab/seglab/"

// TestNoDatabaseSQL checks, with go list -deps, that no package of tui/ reaches database/sql,
// by itself or through a package it imports: the screens ask the engine and run no SQL, and
// the engine's result types live in packages apart from the code that queries DuckDB
// (engine/profile beside engine/profile/profiledb, and so on). It names every import through
// which database/sql is reached.
func TestNoDatabaseSQL(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	var order []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]], order = f[1:], append(order, f[0])
	}
	// go list -deps lists a package after everything it imports.
	reaches := map[string]bool{"database/sql": true}
	for _, p := range order {
		for _, imp := range imports[p] {
			reaches[p] = reaches[p] || reaches[imp]
		}
	}
	gateways := map[string][]string{}
	for _, p := range order {
		if !strings.HasPrefix(p, module+"tui") {
			continue
		}
		if slices.Contains(imports[p], "database/sql") {
			t.Errorf("%s imports database/sql", p)
		}
		for _, imp := range imports[p] {
			if reaches[imp] && !strings.HasPrefix(imp, module+"tui") {
				gateways[strings.TrimPrefix(imp, module)] = append(gateways[strings.TrimPrefix(imp, module)], strings.TrimPrefix(p, module))
			}
		}
	}
	if len(imports) < 20 {
		t.Fatalf("go list listed %d packages: not the workbench's", len(imports))
	}
	for g, by := range gateways {
		t.Errorf("%s reaches database/sql through %s", strings.Join(by, ", "), g)
	}
}
