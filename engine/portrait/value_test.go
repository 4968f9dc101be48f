package portrait

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"testing"

	"github.com/seglab/seglab/engine/ahp"
)

// TestDefaultValueMatrixAgainstNumPy checks the default weights, λmax and CR with numpy's
// eigen-decomposition.
func TestDefaultValueMatrixAgainstNumPy(t *testing.T) {
	const script = `
import json, sys, numpy as np
a = np.array(json.load(sys.stdin))
vals, vecs = np.linalg.eig(a)
i = int(np.argmax(vals.real))
w = np.abs(vecs[:, i].real); w = w / w.sum()
n = a.shape[0]; lam = float(vals[i].real); ci = (lam - n) / (n - 1)
print(json.dumps({"weights": w.tolist(), "lambda": lam, "cr": ci / 1.24}))
`
	if exec.Command("/usr/bin/python3", "-c", "import numpy").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("numpy is missing under CI")
		}
		t.Skip("numpy not available")
	}
	in, _ := json.Marshal(DefaultValueMatrix)
	cmd := exec.Command("/usr/bin/python3", "-c", script)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Weights []float64
		Lambda  float64
		CR      float64
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err, string(out))
	}
	got, err := ahp.Weigh(DefaultValueMatrix)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Weights {
		if math.Abs(got.Weights[i]-want.Weights[i]) > 1e-9 {
			t.Errorf("weight %s: %v, numpy %v", Criteria[i].Key, got.Weights[i], want.Weights[i])
		}
	}
	if math.Abs(got.LambdaMax-want.Lambda) > 1e-9 || math.Abs(got.ConsistencyRatio-want.CR) > 1e-9 || want.CR > 0.1 {
		t.Errorf("λmax %v CR %v, numpy %v %v", got.LambdaMax, got.ConsistencyRatio, want.Lambda, want.CR)
	}
}
