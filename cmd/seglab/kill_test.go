//go:build unix

package main

import (
	"encoding/csv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/definition"
)

// childEnv makes the test binary run seglab's main instead of the tests, so that a test can
// run (and kill) the real program without building it.
const childEnv = "SEGLAB_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// seglabCommand returns the real seglab, as a child process, run in dir.
func seglabCommand(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	// TMPDIR inside dir: a killed seglab cannot remove its session folder.
	cmd.Env = append(os.Environ(), childEnv+"=1", "TMPDIR="+dir)
	cmd.Dir = dir
	return cmd
}

// 50 kills of cluster --out --save at random moments never leave the assignments and the
// definition disagreeing, nor either half-written: after every kill both files are whole and
// of the same run (the previous one or the killed one). The next complete run removes the
// temporary files the killed ones left.
func TestKilledClusterLeavesConsistentFiles(t *testing.T) {
	dir := t.TempDir()
	wide, err := os.ReadFile("testdata/corpus/wide.csv")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "wide.csv"), wide, 0o644)
	args := func(k int) []string {
		return []string{"cluster", "--input", "wide.csv", "--dims", "annual_kwh:log1p,peak_share,outages_12m",
			"--k", strconv.Itoa(k), "--n-init", "2", "--out", "seg.csv", "--save", "seg.yaml"}
	}
	start := time.Now()
	if out, err := seglabCommand(dir, args(3)...).CombinedOutput(); err != nil {
		t.Fatalf("the first run failed: %v\n%s", err, out)
	}
	full := time.Since(start)
	rng := rand.New(rand.NewPCG(16, 50))
	k := checkPair(t, dir)
	changed := 0
	for i := range 50 {
		cmd := seglabCommand(dir, args(2+(i%3))...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration((0.3 + 0.9*rng.Float64()) * float64(full)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		now := checkPair(t, dir)
		if now != k {
			changed++
		}
		k = now
	}
	t.Logf("50 kills over runs of %v: %d landed after the new pair was in place, %d before", full.Round(time.Millisecond), changed, 50-changed)
	if out, err := seglabCommand(dir, args(3)...).CombinedOutput(); err != nil {
		t.Fatalf("the run after the kills failed: %v\n%s", err, out)
	}
	checkPair(t, dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left after a complete run", e.Name())
		}
	}
}

// checkPair checks that seg.yaml loads, that seg.csv is whole (every customer once, with a
// segment of the definition) and that both are of one run: the segments of seg.csv are
// exactly 1..k of the definition. It returns k.
func checkPair(t *testing.T, dir string) int {
	t.Helper()
	d, err := definition.Load(filepath.Join(dir, "seg.yaml"))
	if err != nil {
		t.Fatalf("the definition is damaged: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, "seg.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 301 || strings.Join(rows[0], ",") != "\ufeffcustomer_id,segment" {
		t.Fatalf("seg.csv is not whole: %d rows, %v", len(rows), err)
	}
	seen := map[int]bool{}
	for _, r := range rows[1:] {
		s, err := strconv.Atoi(r[1])
		if err != nil || s < 1 || s > d.K {
			t.Fatalf("seg.csv holds segment %q; the definition has k = %d: the two files disagree", r[1], d.K)
		}
		seen[s] = true
	}
	if len(seen) != d.K {
		t.Fatalf("seg.csv uses %d segments; the definition has k = %d: the two files disagree", len(seen), d.K)
	}
	return d.K
}
