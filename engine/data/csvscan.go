package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"

	"github.com/seglab/seglab/engine/inputerr"
)

// csvFile is a CSV export checked and made ready for DuckDB.
type csvFile struct {
	readPath string   // the UTF-8 file DuckDB reads: the user's file or a transcoded copy
	delim    byte     // field delimiter
	header   []string // header fields as written in the file
	encoding string   // "UTF-8" or "GB18030"
}

// chunkSize is how much of a file the scanners hold at once.
const chunkSize = 1 << 20

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// prepareCSV checks the CSV file at path (as the user named it) and returns how DuckDB should
// read it. It promises that the returned file is UTF-8 without NUL bytes, is not empty, and that
// every record has as many fields as the header; otherwise it returns an *inputerr.Error naming
// path and the first line at fault. Files that are not UTF-8 but decode as GB18030 (a superset
// of GBK) are transcoded into a file under tempDir, as are files that start with the byte-order
// mark of UTF-16 or UTF-32 (Excel's "Unicode text"). A file mostly UTF-8 with some lines in
// another encoding is refused at the first such line (mixedUTF8).
func prepareCSV(path, tempDir string) (*csvFile, error) {
	cf := &csvFile{readPath: path, encoding: "UTF-8"}
	name, dec, err := unicodeEncoding(path)
	if err != nil {
		return nil, err
	}
	if dec == nil {
		err = cf.scan(path, true)
		if err != errNotUTF8 {
			return cf, err
		}
		if err := mixedUTF8(path, cf.delim); err != nil {
			return nil, err
		}
		name, dec = "GB18030", simplifiedchinese.GB18030.NewDecoder()
	}
	out, err := transcode(path, tempDir, name, dec)
	if err != nil {
		return nil, err
	}
	cf.readPath, cf.encoding = out, name
	return cf, cf.scan(path, false)
}

// unicodeEncoding names the encoding of the file at path by its byte-order mark when that is
// UTF-16 or UTF-32, and returns a decoder to UTF-8 (which drops the mark); nil for any other
// file.
func unicodeEncoding(path string) (string, transform.Transformer, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, inputerr.New(path, "cannot open: %v", notExistPlain(err))
	}
	defer f.Close()
	r, err := decompressed(f, path, path)
	if err != nil {
		return "", nil, err
	}
	head := make([]byte, 4)
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return "UTF-32LE", utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM).NewDecoder(), nil
	case bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32BE", utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM).NewDecoder(), nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "UTF-16LE", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "UTF-16BE", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder(), nil
	}
	return "", nil, nil
}

// errNotUTF8 stops a scan that checks the encoding at the first chunk that is not UTF-8.
var errNotUTF8 = errors.New("not UTF-8")

// scan reads cf.readPath once: it guesses the delimiter from the header line and checks every
// record (checkRecords). With checkEncoding it also rejects NUL bytes and returns errNotUTF8 at
// the first chunk that is not valid UTF-8. path names the file in errors.
func (cf *csvFile) scan(path string, checkEncoding bool) error {
	f, err := os.Open(cf.readPath)
	if err != nil {
		return inputerr.New(path, "cannot open: %v", notExistPlain(err))
	}
	defer f.Close()
	r, err := decompressed(f, cf.readPath, path)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(r, chunkSize)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	first, _ := br.Peek(chunkSize)
	if len(bytes.TrimSpace(first)) == 0 {
		return inputerr.New(path, "the file is empty")
	}
	cf.delim = guessDelimiter(first, strings.HasSuffix(strings.ToLower(strings.TrimSuffix(path, ".gz")), ".tsv"))
	cf.header, err = checkRecords(br, cf.delim, path, checkEncoding)
	if err != nil {
		return err
	}
	return checkHeader(cf.header, path)
}

// checkHeader refuses a header that names a column twice (in any letter case, as DuckDB
// compares names): DuckDB would quietly rename the second one (annual_kwh_1).
func checkHeader(header []string, path string) error {
	first := make(map[string]int, len(header))
	for j, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if i, ok := first[key]; ok && key != "" {
			return inputerr.At(path, 1, j+1, h, "the header names this column twice (also column %d); rename one of them", i+1)
		}
		first[key] = j
	}
	return nil
}

// decompressed wraps f in a gzip reader when name ends in .gz. userPath names the file in errors.
func decompressed(f *os.File, name, userPath string) (io.Reader, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, inputerr.New(userPath, "not a valid gzip file: %v", err)
	}
	return zr, nil
}

// forEachChunk reads r in chunks that never split a UTF-8 sequence and calls fn with each chunk
// and the 1-based line number at which it starts.
func forEachChunk(r io.Reader, fn func(chunk []byte, line int) error) error {
	buf := make([]byte, chunkSize)
	carry, line := 0, 1
	for {
		n, rerr := io.ReadFull(r, buf[carry:])
		data := buf[:carry+n]
		eof := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
		if rerr != nil && !eof {
			return rerr
		}
		end := len(data)
		if !eof {
			end = completeRunes(data)
		}
		if err := fn(data[:end], line); err != nil {
			return err
		}
		line += bytes.Count(data[:end], []byte{'\n'})
		carry = copy(buf, data[end:])
		if eof {
			return nil
		}
	}
}

// completeRunes returns the length of the longest prefix of b that does not end inside a
// UTF-8 sequence that later bytes could complete.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// notExistPlain shortens "open x: no such file or directory" to "no such file or directory".
func notExistPlain(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// transcode decodes the file at path with dec (the encoding called name) into a new UTF-8 file
// under tempDir and returns its path. When a byte sequence does not decode, it returns an
// *inputerr.Error naming the line of the first such sequence.
func transcode(path, tempDir, name string, dec transform.Transformer) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", inputerr.New(path, "cannot open: %v", notExistPlain(err))
	}
	defer in.Close()
	r, err := decompressed(in, path, path)
	if err != nil {
		return "", err
	}
	out, err := os.CreateTemp(tempDir, "utf8-*.csv")
	if err != nil {
		return "", fmt.Errorf("data: creating a transcoded copy of %s: %w", path, err)
	}
	w := bufio.NewWriterSize(out, chunkSize)
	replacement := []byte(string(utf8.RuneError))
	decoded := transform.NewReader(r, dec)
	err = forEachChunk(decoded, func(chunk []byte, line int) error {
		if i := bytes.Index(chunk, replacement); i >= 0 {
			line += bytes.Count(chunk[:i], []byte{'\n'})
			if name == "GB18030" {
				return inputerr.At(path, line, 0, "", "unknown text encoding: the file is neither UTF-8 nor GBK/GB18030 (first undecodable byte on this line)")
			}
			return inputerr.At(path, line, 0, "", "the file is %s by its byte-order mark, but this line does not decode as %[1]s", name)
		}
		_, werr := w.Write(chunk)
		return werr
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		if inputerr.Is(err) {
			return "", err
		}
		return "", fmt.Errorf("data: transcoding %s from %s: %w", path, name, err)
	}
	return out.Name(), nil
}

// delimiterCandidates are the field separators seglab recognises, most likely first.
var delimiterCandidates = []byte{',', '\t', ';', '|'}

// guessDelimiter picks the delimiter from the header line at the start of head: the candidate
// that occurs most often outside quotes (tab for .tsv files, comma when none occurs).
func guessDelimiter(head []byte, tsv bool) byte {
	if tsv {
		return '\t'
	}
	counts := map[byte]int{}
	inQuote := false
	for _, c := range head {
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if c == '\n' {
			break
		}
		counts[c]++
	}
	best := byte(',')
	for _, c := range delimiterCandidates {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// checkRecords reads CSV records (RFC 4180 quoting: a field may be quoted, "" escapes a quote)
// from r, returns the header's fields, and promises that every later non-blank record has as many
// fields as the header; otherwise it returns an *inputerr.Error for path naming the line where
// the first bad record starts. With checkEncoding, each chunk is first checked for NUL bytes (an
// *inputerr.Error: binary data) and for being UTF-8 (errNotUTF8 if not), in the same pass.
func checkRecords(r io.Reader, delim byte, path string, checkEncoding bool) ([]string, error) {
	var (
		header     []string
		inHeader   = true // the current record is the header
		field      []byte // the header field being read
		fields     = 1    // fields in the current record so far
		recLine    = 1    // line on which the current record starts
		empty      = true // the current record has no content yet
		fieldStart = true // at the start of a field
		inQuote    bool
		quoteSeen  bool // inside quotes, the previous byte was a quote
	)
	keep := func(c byte) {
		if inHeader {
			field = append(field, c)
		}
	}
	endRecord := func() error {
		switch {
		case empty:
			return nil
		case inHeader:
			header = append(header, string(field))
			inHeader = false
			return nil
		case fields != len(header):
			return inputerr.At(path, recLine, 0, "", "this row has %d fields but the header has %d", fields, len(header))
		}
		return nil
	}
	// step advances the state machine by one byte; line is the line the byte is on.
	step := func(c byte, line *int) error {
		if quoteSeen {
			quoteSeen = false
			if c == '"' {
				keep(c)
				return nil
			}
			inQuote = false
		}
		if inQuote {
			if c == '"' {
				quoteSeen = true
				return nil
			}
			if c == '\n' {
				*line++
			}
			keep(c)
			return nil
		}
		switch c {
		case '\n':
			if err := endRecord(); err != nil {
				return err
			}
			*line++
			recLine, fields, empty, fieldStart = *line, 1, true, true
		case '\r':
		case delim:
			if inHeader {
				header = append(header, string(field))
				field = field[:0]
			}
			fields++
			empty, fieldStart = false, true
		case '"':
			if fieldStart {
				inQuote = true
			} else {
				keep(c)
			}
			empty, fieldStart = false, false
		default:
			keep(c)
			empty, fieldStart = false, false
		}
		return nil
	}
	multibyte := 0 // UTF-8 sequences of two or more bytes seen so far
	err := forEachChunk(r, func(chunk []byte, line int) error {
		if checkEncoding {
			if i := bytes.IndexByte(chunk, 0); i >= 0 {
				return inputerr.At(path, line+bytes.Count(chunk[:i], []byte{'\n'}), 0, "",
					"holds NUL bytes: this is binary data, not a CSV text export")
			}
			if !utf8.Valid(chunk) {
				i := firstInvalid(chunk)
				multibyte += utf8.RuneCount(chunk[:i]) - asciiCount(chunk[:i])
				if multibyte < utf8Evidence {
					return errNotUTF8
				}
				// Plenty of UTF-8 text came first: the file is UTF-8 with a damaged byte, which
				// is named where it is rather than blamed on a GBK reading of the whole file.
				lineStart := bytes.LastIndexByte(chunk[:i], '\n') + 1
				field := bytes.Count(chunk[lineStart:i], []byte{delim}) + 1
				return inputerr.At(path, line+bytes.Count(chunk[:i], []byte{'\n'}), field, "",
					"byte 0x%02X does not decode as UTF-8, as the text before it does; fix or remove it", chunk[i])
			}
			if multibyte < utf8Evidence {
				// Counted only until there is evidence enough: two more passes over every chunk
				// cost a tenth of a second per 100 MB.
				multibyte += utf8.RuneCount(chunk) - asciiCount(chunk)
			}
		}
		for i := 0; i < len(chunk); {
			// Fast path: at the start of a data record whose line holds no quote, the record is
			// that line and its fields are its delimiters plus one. Both are found with the
			// vectorised bytes.IndexByte and bytes.Count.
			if !inHeader && empty && !inQuote && !quoteSeen {
				nl := bytes.IndexByte(chunk[i:], '\n')
				if nl >= 0 && bytes.IndexByte(chunk[i:i+nl], '"') < 0 {
					rec := chunk[i : i+nl]
					if n := bytes.Count(rec, []byte{delim}) + 1; n != len(header) && (n > 1 || !onlyCR(rec)) {
						return inputerr.At(path, line, 0, "", "this row has %d fields but the header has %d", n, len(header))
					}
					line++
					recLine = line
					i += nl + 1
					continue
				}
			}
			if err := step(chunk[i], &line); err != nil {
				return err
			}
			i++
		}
		return nil
	})
	if err != nil {
		if inputerr.Is(err) || err == errNotUTF8 {
			return nil, err
		}
		return nil, inputerr.New(path, "cannot read: %v", err)
	}
	if inQuote && !quoteSeen {
		return nil, inputerr.At(path, recLine, 0, "", "a quoted field is never closed")
	}
	if err := endRecord(); err != nil {
		return nil, err
	}
	return header, nil
}

// utf8Evidence is how many multi-byte UTF-8 characters before an invalid byte make checkRecords
// take the file for damaged UTF-8 rather than for another encoding (GBK text rarely forms so
// many valid UTF-8 sequences by chance).
const utf8Evidence = 8

// firstInvalid returns the offset of the first byte of b that is not part of valid UTF-8.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// asciiCount counts the bytes of b below 0x80.
func asciiCount(b []byte) int {
	n := 0
	for _, c := range b {
		if c < utf8.RuneSelf {
			n++
		}
	}
	return n
}

// onlyCR reports whether b holds nothing but carriage returns (a blank line).
func onlyCR(b []byte) bool {
	for _, c := range b {
		if c != '\r' {
			return false
		}
	}
	return true
}
