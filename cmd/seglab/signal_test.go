//go:build unix

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeBigWide writes a wide table of n customers with four numeric columns drawn around
// six centres, big enough that a sweep over it takes seconds.
func writeBigWide(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "customer_id,annual_kwh,peak_share,outages_12m,late_payment_count")
	rng := rand.New(rand.NewPCG(16, 2))
	for i := range n {
		c := float64(rng.IntN(6))
		fmt.Fprintf(w, "C%07d,%.1f,%.3f,%d,%d\n", i, 1500+900*c+300*rng.NormFloat64(),
			0.2+0.05*c+0.03*rng.NormFloat64(), rng.IntN(3+int(c)), rng.IntN(1+int(c)/2))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// interruptedRun starts seglab args in dir with its temporary folder tmp, sends sig after
// delay and returns the exit status, the output, and the time from the signal to the exit.
// A run that has not ended 30 s after the signal fails t.
func interruptedRun(t *testing.T, dir, tmp string, sig syscall.Signal, delay time.Duration, args ...string) (status int, stdout, stderr string, took time.Duration) {
	t.Helper()
	cmd := seglabCommand(dir, args...)
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	time.Sleep(delay)
	sent := time.Now()
	cmd.Process.Signal(sig)
	var err error
	select {
	case err = <-exited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("seglab %s ignored %v for 30 s", args[0], sig)
	}
	took = time.Since(sent)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return status, out.String(), errb.String(), took
}

// SIGINT in the middle of a real sweep, and SIGTERM in the middle of a real cluster --out
// --save, stop seglab with the shell's status for the signal (130, 143), one line saying so,
// nothing on stdout, no output file and no temporary file left in the output folder or TMPDIR.
// Each is sent a third of the way through a full run timed first, so it lands in the work (a
// third, not a half: on a busy machine the timed run may be the slower one).
func TestSignalsStopLongCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs seglab on a 150,000-row table")
	}
	dir, tmp := t.TempDir(), t.TempDir()
	writeBigWide(t, filepath.Join(dir, "wide.csv"), 150_000)
	dims := "annual_kwh:log1p,peak_share,outages_12m,late_payment_count"
	cases := []struct {
		sig  syscall.Signal
		want int
		args []string
	}{
		{syscall.SIGINT, 130, []string{"sweep", "--input", "wide.csv", "--dims", dims, "--k", "2-5"}},
		{syscall.SIGTERM, 143, []string{"cluster", "--input", "wide.csv", "--dims", dims, "--k", "5",
			"--out", "out/seg.parquet", "--save", "out/seg.yaml"}},
	}
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	for _, c := range cases {
		start := time.Now()
		if out, err := seglabCommand(dir, c.args...).CombinedOutput(); err != nil {
			t.Fatalf("the full %s failed: %v\n%s", c.args[0], err, out)
		}
		full := time.Since(start)
		for _, p := range []string{"out/seg.parquet", "out/seg.yaml"} {
			os.Remove(filepath.Join(dir, p))
		}
		status, stdout, stderr, took := interruptedRun(t, dir, tmp, c.sig, full/3, c.args...)
		t.Logf("%s: full run %v; %v sent at %v, exit %d after %v", c.args[0], full.Round(time.Millisecond),
			c.sig, (full / 3).Round(time.Millisecond), status, took.Round(time.Millisecond))
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if status != c.want || len(lines) != 1 || !strings.HasPrefix(lines[0], "seglab: stopped by SIG") {
			t.Errorf("%s after %v: exit %d, stderr %q; want exit %d and one line saying it stopped", c.args[0], c.sig, status, stderr, c.want)
		}
		if stdout != "" {
			t.Errorf("%s printed a partial result after %v: %q", c.args[0], c.sig, stdout)
		}
		if got := listDir(t, dir); !slices.Equal(got, []string{"out", "wide.csv"}) {
			t.Errorf("%s left %v in its folder", c.args[0], got)
		}
		if got := listDir(t, filepath.Join(dir, "out")); len(got) != 0 {
			t.Errorf("%s left %v in the output folder", c.args[0], got)
		}
		if got := listDir(t, tmp); len(got) != 0 {
			t.Errorf("%s left %v in TMPDIR", c.args[0], got)
		}
	}
}
