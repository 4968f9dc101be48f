package main

import (
	"strings"
	"testing"
)

func TestTextTableAlignsChinese(t *testing.T) {
	tb := newTextTable("列", "value").alignRight(1)
	tb.add("年用电量", "12.5")
	tb.add("kwh", "3")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	want := "列        value\n年用电量   12.5\nkwh           3\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
