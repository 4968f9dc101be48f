//go:build unix

package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/seglab/seglab/engine/textsafe"
)

// corpusCase is one line of testdata/corpus/cases.txt.
type corpusCase struct {
	name  string
	names []string // what the message must name
	args  []string
}

func readCorpusCases(t *testing.T) []corpusCase {
	t.Helper()
	f, err := os.Open("testdata/corpus/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, " | ", 3)
		if len(parts) != 3 {
			t.Fatalf("cases.txt: bad line %q", line)
		}
		c := corpusCase{name: parts[0], names: strings.Split(parts[1], " && ")}
		for _, a := range strings.Fields(parts[2]) {
			if strings.HasPrefix(a, `"`) {
				if a, err = strconv.Unquote(a); err != nil {
					t.Fatalf("cases.txt: %s: %v", c.name, err)
				}
			}
			c.args = append(c.args, a)
		}
		cases = append(cases, c)
	}
	return cases
}

// setUpCorpus copies the corpus into a fresh folder and adds what cannot be committed: the
// sample exports, a symbolic link out of the definitions' folder, a named pipe and a
// definition with a 2,000,000-character name.
func setUpCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "testdata/corpus", dir)
	exs := filepath.Join(dir, "exs")
	os.Mkdir(exs, 0o755)
	for _, name := range []string{"customers.csv", "billing.csv", "payments.csv"} {
		b, err := os.ReadFile(filepath.Join("../../sample-data", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(exs, name), b, 0o644)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("secret\n1\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "definitions", "lnk")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "data", "pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, _ := os.ReadFile(filepath.Join(dir, "base.yaml"))
	long := strings.Replace(string(base), "en: Segment 1", "en: "+strings.Repeat("名", 2_000_000), 1)
	os.WriteFile(filepath.Join(dir, "definitions", "long-name-2000000.yaml"), []byte(long), 0o644)
	return dir
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot maps every regular file under dir to the hash of its content.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		b, _ := os.ReadFile(p)
		out[p] = sha256.Sum256(b)
		return nil
	})
	return out
}

var (
	sqlText = regexp.MustCompile(`\b(SELECT|COPY|CREATE|INSERT|ALTER|DESCRIBE|LINE \d+)\b|read_csv\(`)
	// DuckDB's error classes (its exception types, as it prints them), any other "Word Error:"
	// prefix, the engine's name and a Go stack trace.
	engineClasses = regexp.MustCompile(`(Conversion|Binder|Catalog|Parser|Planner|Scheduler|Executor|Optimizer|Invalid Input|Out of Range|Out of Memory|IO|Internal|INTERNAL|INTERRUPT|FATAL|Fatal|Constraint|Serialization|Dependency|Permission|Invalid|Not implemented|Syntax|Transaction|TransactionContext|Mismatch Type|Unknown Type|Divide by Zero|Decimal|Sequence|Expression|Connection|Settings|Network|HTTP|Missing Extension|Parameter Not Resolved|Parameter Not Allowed|Object Size|Index|Stat) Error|\b[A-Z][A-Za-z]+(?: [A-Za-z]+){0,2} Error:|(?i)duckdb|goroutine |panic`)
)

// Every hostile input of the corpus fails with exit status 1 or 2 and one message that names
// the file (with line and column where they exist), holds no SQL, no engine class name and
// no control character, changes no input and leaves no file behind. The outcomes are counted.
func TestHostileCorpus(t *testing.T) {
	cases := readCorpusCases(t)
	dir := setUpCorpus(t)
	t.Chdir(dir)
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	outcomes := map[string]int{}
	for _, c := range cases {
		before := snapshot(t, dir)
		var stdout, stderr bytes.Buffer
		status := run(c.args, devnull, &stdout, &stderr)
		msg := stderr.String()
		lines := strings.Split(strings.TrimRight(msg, "\n"), "\n")
		var faults []string
		if status != exitFailure && status != exitUsage {
			faults = append(faults, "exit status "+strconv.Itoa(status))
		}
		switch {
		case len(lines) == 2 && status == exitUsage && lines[1] == "Run 'seglab --help' for usage.":
		case len(lines) != 1:
			faults = append(faults, strconv.Itoa(len(lines))+" lines on stderr")
		}
		if !strings.HasPrefix(msg, "seglab: ") {
			faults = append(faults, "no seglab: message")
		}
		for _, want := range c.names {
			if !strings.Contains(lines[0], want) {
				faults = append(faults, "does not name "+strconv.Quote(want))
			}
		}
		if m := sqlText.FindString(msg); m != "" {
			faults = append(faults, "SQL text "+strconv.Quote(m))
		}
		if m := engineClasses.FindString(msg); m != "" {
			faults = append(faults, "engine text "+strconv.Quote(m))
		}
		if textsafe.Terminal(msg) != msg || textsafe.Terminal(stdout.String()) != stdout.String() {
			faults = append(faults, "control characters reach the terminal")
		}
		after := snapshot(t, dir)
		for p, h := range before {
			if after[p] != h {
				faults = append(faults, "changed "+p)
			}
		}
		for p := range after {
			if _, ok := before[p]; !ok {
				faults = append(faults, "left "+p)
			}
		}
		outcome := "exit " + strconv.Itoa(status)
		if len(faults) > 0 {
			outcome = "FAULT"
			t.Errorf("%s: seglab %s\nstatus %d, stderr:\n%s\nfaults: %s", c.name, strings.Join(c.args, " "), status, msg, strings.Join(faults, "; "))
		}
		outcomes[outcome]++
	}
	var summary []string
	for k, n := range outcomes {
		summary = append(summary, k+": "+strconv.Itoa(n))
	}
	sort.Strings(summary)
	t.Logf("corpus outcomes: %s", strings.Join(summary, ", "))
	if len(cases) < 60 {
		t.Errorf("cases.txt holds %d cases; the corpus has 60", len(cases))
	}
}
