package inputerr

import (
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	cases := []struct {
		err  *Error
		want string
	}{
		{New("a.csv", "file is empty"), "a.csv: file is empty"},
		{At("a.csv", 7, 3, "", "expected 4 fields, found 5"), "a.csv:7:3: expected 4 fields, found 5"},
		{At("账单.csv", 12, 0, "抄见电量", "%q is not a number", "abc"), `账单.csv:12: column "抄见电量": "abc" is not a number`},
		{&Error{Msg: "no exports found"}, "no exports found"},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestIsSeesWrapped(t *testing.T) {
	if !Is(fmt.Errorf("loading: %w", New("x.csv", "bad"))) {
		t.Fatal("wrapped *Error not recognised")
	}
	if Is(fmt.Errorf("plain")) {
		t.Fatal("plain error taken for *Error")
	}
}
