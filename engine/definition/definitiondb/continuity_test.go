package definitiondb

import (
	"context"
	"testing"

	"github.com/seglab/seglab/engine/definition"
)

// A refit on the same customers in another order and with another seed numbers its segments
// differently; matching carries the names over to the right segments and the migration
// matrix, scoring the same customers with both, is diagonal-dominant.
func TestContinuityOnReshuffledRefit(t *testing.T) {
	ctx := context.Background()
	s := session(t)
	synth(t, s, 20_000, 6)
	old, _, _, _ := fit(t, s, testSpec, 4, 1, testRoutes)
	names := []definition.Text{{EN: "Heavy users", ZH: "高用电"}, {EN: "Late payers", ZH: "欠费"}, {EN: "East", ZH: "东部"}, {EN: "Quiet", ZH: "平稳"}}
	for i := range old.Segments {
		old.Segments[i].Name = names[i]
	}
	oldScores, err := Score(ctx, s, old)
	if err != nil {
		t.Fatal(err)
	}
	// Refit on a subsample of 90 % in another order (the table is rebuilt shuffled) with
	// other seeds until canonical ids differ.
	if _, err := s.DB().ExecContext(ctx, "CREATE OR REPLACE TABLE full_wide AS SELECT * FROM wide"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, "CREATE OR REPLACE TABLE wide AS SELECT * FROM full_wide WHERE hash(customer_id) % 10 <> 0 ORDER BY hash(customer_id || 'x')"); err != nil {
		t.Fatal(err)
	}
	var next *definition.Definition
	var matched []int
	for seed := uint64(2); seed < 40; seed++ {
		next, _, _, _ = fit(t, s, testSpec, 4, seed, testRoutes)
		if matched, err = definition.Match(old, next); err != nil {
			t.Fatal(err)
		}
		identity := true
		for j, m := range matched {
			identity = identity && m == j+1
		}
		if !identity {
			break
		}
		// Same numbering: permute the refit's segments to force a different numbering.
		next.Segments[0], next.Segments[1] = next.Segments[1], next.Segments[0]
		next.Segments[0].ID, next.Segments[1].ID = 1, 2
		if matched, _ = definition.Match(old, next); matched[0] != 2 || matched[1] != 1 {
			t.Fatalf("swapping two segments gave matching %v", matched)
		}
		break
	}
	if err := definition.CarryOver(old, next, "old.yaml"); err != nil {
		t.Fatal(err)
	}
	// Score the same (full) customers with both.
	if _, err := s.DB().ExecContext(ctx, "CREATE OR REPLACE TABLE wide AS SELECT * FROM full_wide"); err != nil {
		t.Fatal(err)
	}
	newScores, err := Score(ctx, s, next)
	if err != nil {
		t.Fatal(err)
	}
	m := definition.NewMigration(old, next, oldScores.Segments, newScores.Segments)
	// Every old clustered segment's customers go mostly to the new segment carrying its name.
	for i, o := range m.Old {
		row := m.Counts[i]
		total, best := 0, -1
		for j := range row {
			total += row[j]
			if best < 0 || row[j] > row[best] {
				best = j
			}
		}
		if total == 0 {
			continue
		}
		if float64(row[best]) < 0.9*float64(total) {
			t.Errorf("old segment %d: its largest destination holds %d of %d", o, row[best], total)
		}
		if next.SegmentName(m.New[best], "en") != old.SegmentName(o, "en") {
			t.Errorf("old segment %d (%s) went mostly to new %d named %q", o, old.SegmentName(o, "en"), m.New[best], next.SegmentName(m.New[best], "en"))
		}
	}
	if stayed := m.Stayed(next.Continuity.Matched); stayed < 0.95 {
		t.Errorf("only %.3f stayed in their matched segment", stayed)
	}
}

// Different k: the surplus new segment stays unmatched and is marked new.
func TestContinuityDifferentK(t *testing.T) {
	s := session(t)
	synth(t, s, 5_000, 7)
	old, _, _, _ := fit(t, s, testSpec, 3, 1, nil)
	next, _, _, _ := fit(t, s, testSpec, 4, 1, nil)
	if err := definition.CarryOver(old, next, "old.yaml"); err != nil {
		t.Fatal(err)
	}
	unmatched, seen := 0, map[int]bool{}
	for j, m := range next.Continuity.Matched {
		if m == 0 {
			unmatched++
			if next.Segments[j].Name.EN != "Segment "+string(rune('1'+j))+" (new)" {
				t.Errorf("unmatched segment named %q", next.Segments[j].Name.EN)
			}
		} else if seen[m] {
			t.Errorf("old segment %d matched twice", m)
		} else {
			seen[m] = true
		}
	}
	if unmatched != 1 {
		t.Errorf("matching %v", next.Continuity.Matched)
	}
	back, err := definition.CentroidDistances(next, old)
	if err != nil || len(back) != 4 || len(back[0]) != 3 {
		t.Fatalf("distances %v %v", back, err)
	}
	if m, err := definition.Match(next, old); err != nil || len(m) != 3 {
		t.Fatalf("matching 4 onto 3: %v %v", m, err)
	}
}

// Refitting on unchanged data with the stored seed reproduces the definition: no drift.
func TestRefitWithoutDrift(t *testing.T) {
	s := session(t)
	synth(t, s, 5_000, 8)
	d, _, _, _ := fit(t, s, testSpec, 3, 5, testRoutes)
	dr, err := Refit(context.Background(), s, d)
	if err != nil {
		t.Fatal(err)
	}
	if dr.Changed != 0 || dr.ARI != 1 || dr.Customers == 0 {
		t.Errorf("drift %+v", *dr)
	}
	for j, m := range dr.Matched {
		if m != j+1 {
			t.Errorf("matching %v", dr.Matched)
		}
	}
	// Changed data drifts.
	if _, err := s.DB().ExecContext(context.Background(), "UPDATE wide SET kwh = kwh * (1 + (hash(customer_id) % 7)) WHERE hash(customer_id) % 3 = 0"); err != nil {
		t.Fatal(err)
	}
	dr, err = Refit(context.Background(), s, d)
	if err != nil {
		t.Fatal(err)
	}
	if !(dr.Changed > 0) || !(dr.ARI < 1) {
		t.Errorf("changed data: drift %+v", *dr)
	}
}
