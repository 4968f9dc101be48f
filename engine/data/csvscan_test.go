package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
)

// TestCheckRecordsAgreesWithEncodingCSV compares checkRecords with the standard library's CSV
// reader on seeded random files of several megabytes (so records straddle the 1 MiB chunks)
// that mix plain lines, which take the fast path, and quoted fields holding delimiters, quotes
// and newlines, which take the byte-by-byte path: both must find the same header and the same
// first record with a wrong number of fields (its starting line), or none.
func TestCheckRecordsAgreesWithEncodingCSV(t *testing.T) {
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		delim := []byte{',', '\t', ';', '|'}[seed%4]
		var b bytes.Buffer
		const cols = 5
		writeRecord := func(n int) {
			for f := range n {
				if f > 0 {
					b.WriteByte(delim)
				}
				switch rng.IntN(12) {
				case 0:
					b.WriteString(`"a` + string(delim) + `b ""q""` + "\nline 2\"")
				case 1:
					b.WriteString(`"plain quoted"`)
				case 2:
				default:
					b.WriteString(strings.Repeat("户x9", 1+rng.IntN(4)))
				}
			}
			if rng.IntN(10) == 0 {
				b.WriteByte('\r')
			}
			b.WriteByte('\n')
		}
		writeRecord(cols)
		bad := -1
		if seed%3 != 0 {
			bad = 40000 + rng.IntN(60000) // a record deep in the file
		}
		for i := range 120000 {
			n := cols
			if i == bad {
				n = cols + 1 - 2*int(seed%2) // one field too many or too few
			}
			writeRecord(n)
			if rng.IntN(500) == 0 {
				b.WriteString("\r\n") // blank lines are skipped
			}
		}
		header, err := checkRecords(bytes.NewReader(b.Bytes()), delim, "f.csv", true)

		ref := csv.NewReader(bytes.NewReader(b.Bytes()))
		ref.Comma = rune(delim)
		ref.ReuseRecord = true
		first, refErr := ref.Read()
		if refErr != nil {
			t.Fatal(refErr)
		}
		wantHeader := append([]string(nil), first...) // Read reuses its slice
		wantLine := 0
		for {
			_, refErr = ref.Read()
			if refErr != nil {
				break
			}
		}
		var pe *csv.ParseError
		if errors.As(refErr, &pe) {
			if !errors.Is(pe.Err, csv.ErrFieldCount) {
				t.Fatalf("seed %d: reference reader: %v", seed, refErr)
			}
			wantLine = pe.StartLine
		}
		if (bad >= 0) != (wantLine > 0) {
			t.Fatalf("seed %d: generator planted bad record %d, reference error %v", seed, bad, refErr)
		}
		var ie *inputerr.Error
		switch {
		case wantLine == 0 && err != nil:
			t.Errorf("seed %d: %v, want no error", seed, err)
		case wantLine > 0 && (!errors.As(err, &ie) || ie.Line != wantLine):
			t.Errorf("seed %d: %v, want an error on line %d", seed, err, wantLine)
		}
		if strings.Join(header, "|") != strings.Join(wantHeader, "|") && err == nil {
			t.Errorf("seed %d: header %q, want %q", seed, header, wantHeader)
		}
	}
}
