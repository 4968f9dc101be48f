package definition

import (
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
)

// FuzzParse feeds Parse arbitrary bytes (seeds: testdata/fuzz/FuzzParse, a good definition and
// the hostile ones of the adversarial pass). It must never panic; a refusal is an input error;
// what it accepts holds no control character or non-finite number and survives Marshal and a
// second Parse unchanged in k and width.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse("fuzz.yaml", b)
		if err != nil {
			if !inputerr.Is(err) {
				t.Fatalf("refusal is not an input error: %v", err)
			}
			return
		}
		if err := d.checkUntrusted(); err != nil {
			t.Fatalf("accepted a definition that checkUntrusted refuses: %v", err)
		}
		text, err := Marshal(d)
		if err != nil {
			t.Fatalf("accepted a definition Marshal refuses: %v", err)
		}
		again, err := Parse("again.yaml", text)
		if err != nil {
			t.Fatalf("the re-marshalled definition does not parse: %v\n%s", err, text)
		}
		if again.K != d.K || again.Preprocessing.Width() != d.Preprocessing.Width() {
			t.Fatalf("round trip changed k %d→%d or width %d→%d", d.K, again.K, d.Preprocessing.Width(), again.Preprocessing.Width())
		}
	})
}
