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

// sqlGateways are the packages outside tui/ through which a package of tui/ still reaches
// database/sql, each with why: the types the screens show live in packages that also query
// DuckDB. (The adapter over the engine lives in internal/engineadapter, outside tui/.) The
// test fails on any other way in, and on a package listed here that no longer is one (so
// the list only shrinks); the issue is done when it is empty.
var sqlGateways = map[string]string{
	"engine/definition": "Definition, Scores and SourceCheck share a package with scoring and writing through DuckDB",
	"engine/profile":    "Result shares a package with the profile queries",
	"engine/portrait":   "the portrait results share a package with the portrait queries",
}

// TestNoDatabaseSQL lists, with go list -deps, the packages outside tui/ that a package of
// tui/ imports and that reach database/sql: the screens ask the engine and run no SQL, so
// none should (see sqlGateways for those that still do).
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
	if len(gateways) == 0 && len(imports) < 20 {
		t.Fatalf("go list listed %d packages: not the workbench's", len(imports))
	}
	for g, by := range gateways {
		if _, ok := sqlGateways[g]; !ok {
			t.Errorf("%s reaches database/sql through %s", strings.Join(by, ", "), g)
		}
	}
	for g := range sqlGateways {
		if _, ok := gateways[g]; !ok {
			t.Errorf("no package of tui/ reaches database/sql through %s any more: take it off sqlGateways", g)
		}
	}
}
