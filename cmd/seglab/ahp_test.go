package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runSeglab runs the command line in-process and returns its exit status and output.
func runSeglab(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(""), &out, &errb)
	if s := errb.String(); strings.Contains(s, "goroutine ") || strings.Contains(s, "panic") {
		t.Errorf("stack trace leaked to the user:\n%s", s)
	}
	return status, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAhpCommand(t *testing.T) {
	good := writeFile(t, "m.csv", ",购电水平,利润,忠诚度\n购电水平,1,3,5\n利润,1/3,1,3\n忠诚度,1/5,1/3,1\n")
	status, out, errOut := runSeglab(t, "ahp", "--matrix", good, "--json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var got struct {
		Weights []struct {
			Criterion string
			Weight    float64
		}
		ConsistencyRatio float64 `json:"consistency_ratio"`
		Consistent       bool
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err, out)
	}
	if len(got.Weights) != 3 || got.Weights[0].Criterion != "购电水平" || got.Weights[0].Weight < 0.636 || got.Weights[0].Weight > 0.638 || !got.Consistent {
		t.Errorf("unexpected result %+v", got)
	}

	status, out, _ = runSeglab(t, "ahp", "--matrix", good)
	if status != 0 || !strings.Contains(out, "购电水平   0.6370") || !strings.Contains(out, "CR 0.0332") {
		t.Errorf("table output:\n%s", out)
	}

	bad := writeFile(t, "cycle.csv", "1,9,1/9\n1/9,1,9\n9,1/9,1\n")
	status, _, errOut = runSeglab(t, "ahp", "--matrix", bad)
	if status != 1 || !strings.Contains(errOut, "cycle.csv") || !strings.Contains(errOut, "consistency ratio") {
		t.Errorf("inconsistent matrix: status %d, %q", status, errOut)
	}

	status, _, errOut = runSeglab(t, "ahp", "--matrix", filepath.Join(t.TempDir(), "none.csv"))
	if status != 1 || !strings.Contains(errOut, "none.csv: no such file") {
		t.Errorf("missing file: status %d, %q", status, errOut)
	}

	if status, _, _ = runSeglab(t, "ahp"); status != 2 {
		t.Errorf("missing --matrix: status %d, want 2", status)
	}
}
