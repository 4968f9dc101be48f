package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	internalpeer "github.com/seglab/seglab/internal/peer"
)

// peer runs the scikit-learn peer script (see internal/peer) and decodes its JSON.
func peer(t *testing.T, args ...string) map[string]any {
	t.Helper()
	script := internalpeer.Script(t, "sklearn_kmeans.py", "sklearn", "scipy", "pandas")
	out, err := exec.Command(internalpeer.Python, append([]string{script}, args...)...).Output()
	if err != nil {
		t.Fatalf("peer %v: %v", args, err)
	}
	var res map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("peer output %q: %v", out, err)
	}
	return res
}

// The headless fit on the built-in sample against scikit-learn on the same table: inertia no
// worse than its best of 10 (within 0.1 %), and on our labels every metric equal to 1e-9.
func TestClusterMatchesScikitLearn(t *testing.T) {
	dir := t.TempDir()
	wide := filepath.Join(dir, "wide.csv")
	if status, _, stderr := runSeglab(t, "build", "-i", "../../sample-data", "-o", wide); status != 0 {
		t.Fatal(stderr)
	}
	dims := "annual_kwh,peak_share,outages_12m,late_payment_count,tickets_12m,tenure_years"
	seg := filepath.Join(dir, "seg.csv")
	status, stdout, stderr := runSeglab(t, "cluster", "-i", wide, "--dims", dims, "--k", "6", "--seed", "3", "--out", seg, "--json")
	if status != 0 {
		t.Fatal(stderr)
	}
	var got clusterReport
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(stdout), &raw)
	for _, key := range []string{"k", "n", "inertia", "iterations", "seconds", "silhouette", "silhouette_sample", "calinski_harabasz", "davies_bouldin", "sizes", "stability"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}

	fit := peer(t, "fit", wide, "--dims", dims, "--k", "6", "--n-init", "10", "--no-quality")
	if want := fit["inertia"].(float64); got.Inertia > want*(1+1e-3) {
		t.Errorf("inertia %.6f, scikit-learn %.6f", got.Inertia, want)
	}

	// Labels in the order of wide.csv (both are ordered by customer_id).
	b, _ := os.ReadFile(seg)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	labels := filepath.Join(dir, "labels.txt")
	var lb strings.Builder
	for _, l := range lines {
		lb.WriteString(l[strings.LastIndexByte(l, ',')+1:] + "\n")
	}
	os.WriteFile(labels, []byte(lb.String()), 0o644)
	score := peer(t, "score", wide, "--dims", dims, "--labels", labels)
	// Our inertia, like scikit-learn's inertia_, is measured to the fitted centres the final
	// assignment used; the peer's score mode measures to the means of the labels, which can
	// be a hair lower when the last assignment moved a few points.
	if want := score["inertia"].(float64); got.Inertia < want || got.Inertia > want*(1+1e-4) {
		t.Errorf("inertia %.9g, peer on our labels %.9g", got.Inertia, want)
	}
	for key, mine := range map[string]float64{
		"silhouette":        float64(got.Silhouette),
		"calinski_harabasz": float64(got.CalinskiHarabasz), "davies_bouldin": float64(got.DaviesBouldin),
	} {
		if want := score[key].(float64); !scalar.EqualWithinRel(mine, want, 1e-9) {
			t.Errorf("%s = %.15g, scikit-learn %.15g", key, mine, want)
		}
	}
	sizes := score["sizes"].([]any)
	for i, s := range got.Sizes {
		if int(sizes[i].(float64)) != s {
			t.Errorf("sizes %v, scikit-learn %v", got.Sizes, sizes)
			break
		}
	}
}

func TestClusterBadUse(t *testing.T) {
	wide := writeFile(t, "wide.csv", "customer_id,a,b,c\nx1,1,2,u\nx2,3,4,v\nx3,5,5,w\n")
	out := filepath.Join(t.TempDir(), "seg.csv")
	cases := []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"--dims", "a,b", "--k", "2"}, 2, "--out"},
		{[]string{"--dims", "a,b", "--k", "1", "--out", out}, 2, "--k"},
		{[]string{"--dims", "a,nope", "--k", "2", "--out", out}, 1, `column "nope": no such column`},
		{[]string{"--dims", "a:sqrt", "--k", "2", "--out", out}, 2, "unknown transform"},
		{[]string{"--dims", "customer_id", "--k", "2", "--out", out}, 2, "identifier"},
		{[]string{"--dims", "a,b", "--k", "2", "--scale", "magic", "--out", out}, 2, "--scale"},
		{[]string{"--dims", "a,b", "--k", "5", "--out", out}, 1, "k"},
		{[]string{"--dims", "a", "--k", "2", "--filter", "a=x", "--out", out}, 2, "not a number"},
	}
	for _, c := range cases {
		status, _, stderr := runSeglab(t, append([]string{"cluster", "-i", wide}, c.args...)...)
		if status != c.status || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: status %d, %q; want %d and %q", c.args, status, stderr, c.status, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed run wrote the output file")
	}
}

// TestClusterAboveSevenWarns fits k = 8 on the sample: the fit goes ahead, and the output
// warns that the domain's rule is at most seven segments; k = 21 is refused.
func TestClusterAboveSevenWarns(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample")
	}
	out := filepath.Join(t.TempDir(), "seg.csv")
	status, stdout, stderr := runSeglab(t, "cluster", "-i", "../../sample-data", "--dims", "annual_kwh:log1p,outages_12m", "--k", "8", "--out", out)
	if status != 0 || !strings.Contains(stdout, "warning: k = 8: the domain's rule is at most 7 segments") {
		t.Fatalf("k = 8: status %d, stdout %q, stderr %q", status, stdout, stderr)
	}
	if status, _, _ := runSeglab(t, "cluster", "-i", "../../sample-data", "--dims", "annual_kwh", "--k", "21", "--out", out); status != 2 {
		t.Errorf("k = 21: status %d, want 2", status)
	}
}
