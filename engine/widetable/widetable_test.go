package widetable

import "testing"

func TestInvalidRulesAreRefused(t *testing.T) {
	bad := []func(*Rules){
		func(r *Rules) { r.CreditLatePenalty = -1 },
		func(r *Rules) { r.MediumRiskLateCount = r.HighRiskLateCount + 1 },
		func(r *Rules) { r.GradeBMin = r.GradeAMin },
		func(r *Rules) { r.GradeAMin = 101 },
	}
	for i, spoil := range bad {
		r := DefaultRules()
		spoil(&r)
		if r.Validate() == nil {
			t.Errorf("case %d: %+v accepted", i, r)
		}
	}
	if err := DefaultRules().Validate(); err != nil {
		t.Fatalf("default rules refused: %v", err)
	}
}
