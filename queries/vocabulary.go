package queries

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed vocabulary.tsv
var vocabularyTSV string

// vocabulary maps column → value → {English, Chinese}: each coded value, and each Chinese
// word as exports write it ("东部" as well as "east"), so that a value reads in either
// language whichever way the data spelled it.
var vocabulary = withChineseKeys(mustParseVocabulary(vocabularyTSV))

// withChineseKeys adds each Chinese word of v as a key of its own entry, where it is not
// already a code of the column.
func withChineseKeys(v map[string]map[string][2]string) map[string]map[string][2]string {
	for _, col := range v {
		add := map[string][2]string{}
		for _, l := range col {
			if _, taken := col[l[1]]; !taken {
				add[l[1]] = l
			}
		}
		for k, l := range add {
			col[k] = l
		}
	}
	return v
}

// ValueLabels returns the English and Chinese words for the values of one of the wide
// table's categorical columns or portrait tags, keyed by code and by Chinese word (region
// "east" and "东部" → "east", "东部"), or nil for a column without a known vocabulary. The map
// is a fresh copy.
func ValueLabels(column string) map[string][2]string {
	v, ok := vocabulary[column]
	if !ok {
		return nil
	}
	out := make(map[string][2]string, len(v))
	for k, l := range v {
		out[k] = l
	}
	return out
}

// ValueLabel returns the word for a coded value of column in lang ("zh" for Chinese, anything
// else English), or value itself when the column or the value has no known word.
func ValueLabel(column, value, lang string) string {
	l, ok := vocabulary[column][value]
	switch {
	case !ok:
		return value
	case lang == "zh":
		return l[1]
	}
	return l[0]
}

// mustParseVocabulary parses the embedded vocabulary and panics if it is malformed: the file
// is part of the program, so a fault in it is a programming error caught by the tests.
func mustParseVocabulary(tsv string) map[string]map[string][2]string {
	out := map[string]map[string][2]string{}
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" || f[1] == "" || f[2] == "" || f[3] == "" {
			panic(fmt.Sprintf("queries: vocabulary.tsv line %d: want 4 non-empty tab-separated fields, got %q", i+1, line))
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string][2]string{}
		}
		if _, dup := out[f[0]][f[1]]; dup {
			panic(fmt.Sprintf("queries: vocabulary.tsv line %d: %s %s twice", i+1, f[0], f[1]))
		}
		out[f[0]][f[1]] = [2]string{f[2], f[3]}
	}
	return out
}
