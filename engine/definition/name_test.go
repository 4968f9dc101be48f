package definition

import "testing"

func TestParseName(t *testing.T) {
	for _, c := range []struct {
		in     string
		en, zh string
	}{
		{"Comfortable / 舒适型", "Comfortable", "舒适型"},
		{"舒适型 / Comfortable", "Comfortable", "舒适型"},
		{"  Gas heating  ", "Gas heating", "Gas heating"},
		{"燃气采暖", "燃气采暖", "燃气采暖"},
		{"A / B", "A", "B"},
		{"Basic-service / ", "Basic-service", "Basic-service"},
		{"1/2 kWh", "1/2 kWh", "1/2 kWh"},
	} {
		got := ParseName(c.in)
		if got.EN != c.en || got.ZH != c.zh {
			t.Errorf("ParseName(%q) = %+v, want %q / %q", c.in, got, c.en, c.zh)
		}
	}
}
