package portrait

import "testing"

func TestChannelFamiliesCoverTheEighteenChannels(t *testing.T) {
	if len(ChannelFamilies) != 18 {
		t.Fatalf("%d channels", len(ChannelFamilies))
	}
	keys := map[string]bool{}
	for _, f := range Families {
		keys[f.Key] = true
	}
	seen := map[string]bool{}
	for _, c := range ChannelFamilies {
		if !keys[c.Family] || seen[c.Channel] {
			t.Errorf("channel %s: family %q, repeated %v", c.Channel, c.Family, seen[c.Channel])
		}
		seen[c.Channel] = true
	}
	if len(Sections) != 20 || Sections[0].Letter != "A" || Sections[19].Letter != "T" {
		t.Errorf("sections %d", len(Sections))
	}
}
