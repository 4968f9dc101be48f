package data

import (
	"bytes"
	"fmt"
	"os"
	"unicode/utf8"

	"github.com/seglab/seglab/engine/inputerr"
)

// mixedUTF8 reads the CSV file at path, which is not valid UTF-8, line by line. When more of
// its lines with non-ASCII text are valid UTF-8 than not, the file is UTF-8 with some lines in
// another encoding (a GBK line pasted into a UTF-8 export), and mixedUTF8 returns an
// *inputerr.Error naming the first line that is not UTF-8, the field (counted by delim) and the
// byte. Read as GBK, such a file would be blamed on a line that is fine or read with wrong
// characters on every UTF-8 line. It returns nil when most non-ASCII lines are not UTF-8 (the
// file is in another encoding), and the read's error when the file cannot be read.
func mixedUTF8(path string, delim byte) error {
	f, err := os.Open(path)
	if err != nil {
		return inputerr.New(path, "cannot open: %v", notExistPlain(err))
	}
	defer f.Close()
	r, err := decompressed(f, path, path)
	if err != nil {
		return err
	}
	var (
		valid, invalid int             // lines with non-ASCII text that are, and are not, UTF-8
		first          *inputerr.Error // the first line that is not (its message still to finish)
		fields         int             // delimiters on the current line so far
		ascii, bad     = true, false   // the current line so far
	)
	endLine := func() {
		switch {
		case bad:
			invalid++
		case !ascii:
			valid++
		}
		fields, ascii, bad = 0, true, false
	}
	err = forEachChunk(r, func(chunk []byte, line int) error {
		for len(chunk) > 0 {
			seg, rest, ended := chunk, []byte(nil), false
			if nl := bytes.IndexByte(chunk, '\n'); nl >= 0 {
				seg, rest, ended = chunk[:nl], chunk[nl+1:], true
			}
			if !bad && !utf8.Valid(seg) {
				bad = true
				if first == nil {
					i := firstInvalid(seg)
					field := fields + bytes.Count(seg[:i], []byte{delim}) + 1
					first = inputerr.At(path, line, field, "", "byte 0x%02X does not decode as UTF-8", seg[i])
				}
			}
			ascii = ascii && asciiCount(seg) == len(seg)
			fields += bytes.Count(seg, []byte{delim})
			if !ended {
				break
			}
			endLine()
			line++
			chunk = rest
		}
		return nil
	})
	if err != nil {
		return inputerr.New(path, "cannot read: %v", err)
	}
	endLine()
	if first == nil || valid <= invalid {
		return nil
	}
	first.Msg += fmt.Sprintf(", as %d other lines with non-ASCII text do: this line is in another encoding (GBK perhaps); save the whole file in one encoding", valid)
	return first
}
