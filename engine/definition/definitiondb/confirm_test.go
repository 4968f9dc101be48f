package definitiondb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/definition"
)

// TestConfirmationSignsTheContent: a confirmed definition is StateConfirmed after a reload;
// an edit by hand of anything it confirmed (a route, a centre, a name) makes it
// StateChanged, confirming again signs the new content, and an older confirmation without a
// signature is StateUnsigned.
func TestConfirmationSignsTheContent(t *testing.T) {
	s := session(t)
	synth(t, s, 2_000, 4)
	d, _, _, _ := fit(t, s, testSpec, 3, 1, nil)
	path := filepath.Join(t.TempDir(), "seg.yaml")
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	if d.State() != definition.StateDraft {
		t.Errorf("a new definition is %s", d.State())
	}
	when := time.Date(2025, 3, 4, 10, 30, 0, 0, time.UTC)
	if _, _, err := definition.Confirm(path, "王芳", "研讨会", when); err != nil {
		t.Fatal(err)
	}
	back, err := definition.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := back.State(); st != definition.StateConfirmed {
		t.Fatalf("after Confirm and Load: %s", st)
	}
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(*definition.Definition){
		"a segment renamed":  func(d *definition.Definition) { d.Segments[0].Name.ZH = "改过的名字" },
		"a centre moved":     func(d *definition.Definition) { d.Segments[1].Centroid[0] += 0.5 },
		"k's algorithm seed": func(d *definition.Definition) { d.Algorithm.Seed++ },
		"the population":     func(d *definition.Definition) { d.Population = nil },
	}
	for name, edit := range edits {
		c, err := definition.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		edit(c)
		if st := c.State(); st != definition.StateChanged {
			t.Errorf("%s: %s, want %s", name, st, definition.StateChanged)
		}
	}
	// An edit by hand in the file, as a colleague would: a note changed in the notes field.
	edited := strings.Replace(string(orig), "notes: ", "notes: edited ", 1)
	if edited == string(orig) {
		edited = string(orig) + "notes: added by hand\n"
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	hand, err := definition.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := hand.State(); st != definition.StateChanged {
		t.Errorf("after an edit by hand: %s", st)
	}
	if !strings.Contains(hand.State().Text("zh"), "重新确认") {
		t.Errorf("Chinese state text %q", hand.State().Text("zh"))
	}
	if _, _, err := definition.Confirm(path, "王芳", "再次确认", when); err != nil {
		t.Fatal(err)
	}
	if again, _ := definition.Load(path); again.State() != definition.StateConfirmed {
		t.Errorf("confirmed again: %s", again.State())
	}
	old, _ := definition.Load(path)
	old.Confirmation.ContentSHA256 = ""
	if st := old.State(); st != definition.StateUnsigned {
		t.Errorf("without a signature: %s", st)
	}
}

func TestConfirmationSignatureIsValidated(t *testing.T) {
	s := session(t)
	synth(t, s, 1_000, 5)
	d, _, _, _ := fit(t, s, testSpec, 3, 1, nil)
	path := filepath.Join(t.TempDir(), "seg.yaml")
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	c, _, err := definition.Confirm(path, "x", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	bad := strings.Replace(string(b), c.Confirmation.ContentSHA256, "not-a-hash", 1)
	if bad == string(b) {
		t.Fatal("the signature is not in the file")
	}
	os.WriteFile(path, []byte(bad), 0o644)
	if _, err := definition.Load(path); err == nil || !strings.Contains(err.Error(), "content_sha256") {
		t.Errorf("a malformed signature: %v", err)
	}
}
