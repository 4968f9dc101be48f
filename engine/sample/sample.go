// Package sample generates realistic raw exports of a power supply company's customers, as
// queries/EXPORTS.md specifies them: customers, billing, payments, outages, 95598 tickets and
// a satisfaction survey, with Chinese headers.
//
// The customers carry a planted structure for the workbench to rediscover: about 90 %
// residential customers in the six segments of the National Grid USA case (DOMAIN.md) and
// 10 % business customers by class and GB/T 4754 industry. Segments overlap and are noisy:
// every trait is a tendency, not a rule.
//
// The output is deterministic: the same Options give byte-identical files whatever the
// number of CPUs, because each customer draws from its own random stream derived from the
// seed and the customer's index, and files are written in customer order.
//
// Time frame: bills cover the 12 months ending at AsOf; outages, tickets and survey dates lie
// in the 365 days ending on AsOf's last day (the reference date). Payments are recorded up to
// the export date, the last day of the month after AsOf, so that the last bill can be paid on
// time; a bill whose payments fall short of its amount is in arrears.
package sample

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Options says what to generate.
type Options struct {
	Customers int    // number of customers, 1 to MaxCustomers
	Seed      int64  // the same seed and options give byte-identical files
	AsOf      string // last bill month "YYYY-MM"; empty means DefaultAsOf
	Encoding  string // "utf-8" (or empty) or "gbk"
	Truth     bool   // also write TruthFile: customer_id → planted segment name
}

const (
	// DefaultAsOf is the last bill month when Options.AsOf is empty.
	DefaultAsOf = "2025-12"
	// MaxCustomers is the largest number of customers with distinct 10-digit ids.
	MaxCustomers = 100_000_000
	// TruthFile is the name of the planted-truth file, header "customer_id,planted_segment".
	// It is always UTF-8; its header matches no export, so loaders do not take it for one.
	TruthFile = "planted_segments.csv"
)

// Column is one column of an export.
type Column struct {
	Name   string // canonical English name
	Header string // Chinese header, as written
	Type   string // "text", "number", "integer", "date" or "timestamp" (EXPORTS.md)
}

// Export describes one generated export file.
type Export struct {
	Kind    string // customers, billing, payments, outages, tickets, survey
	File    string // file name, Kind + ".csv"
	Columns []Column
}

// Exports returns the six exports in the order Write writes them, with their columns in
// the order of queries/EXPORTS.md.
func Exports() []Export {
	return []Export{
		{"customers", "customers.csv", []Column{
			{"customer_id", "户号", "text"}, {"customer_class", "用电类别", "text"}, {"region", "区域", "text"},
			{"industry_code", "行业代码", "text"}, {"voltage", "电压等级", "text"}, {"contract_capacity_kva", "合同容量", "number"},
			{"open_date", "立户日期", "date"}, {"housing", "房屋产权", "text"}, {"heating", "采暖方式", "text"},
			{"special_group", "特殊群体", "text"}, {"household_size", "家庭人口", "integer"},
		}},
		{"billing", "billing.csv", []Column{
			{"customer_id", "户号", "text"}, {"bill_month", "账期", "text"}, {"kwh", "抄见电量", "number"},
			{"peak_kwh", "峰时电量", "number"}, {"amount", "应收电费", "number"}, {"due_date", "缴费截止日期", "date"},
		}},
		{"payments", "payments.csv", []Column{
			{"customer_id", "户号", "text"}, {"bill_month", "账期", "text"}, {"paid_date", "缴费日期", "date"},
			{"paid_amount", "实收金额", "number"}, {"channel", "缴费渠道", "text"},
		}},
		{"outages", "outages.csv", []Column{
			{"outage_id", "停电编号", "text"}, {"customer_id", "户号", "text"}, {"start_time", "停电开始时间", "timestamp"},
			{"duration_min", "停电时长", "number"}, {"outage_type", "停电类型", "text"},
		}},
		{"tickets", "tickets.csv", []Column{
			{"ticket_id", "工单编号", "text"}, {"customer_id", "户号", "text"}, {"accept_time", "受理时间", "timestamp"},
			{"ticket_type", "业务类型", "text"}, {"contact_channel", "受理渠道", "text"},
		}},
		{"survey", "survey.csv", []Column{
			{"customer_id", "户号", "text"}, {"survey_date", "调查日期", "date"}, {"satisfaction", "满意度", "number"},
		}},
	}
}

// File reports one written file.
type File struct {
	Name  string // base name
	Path  string // dir joined with Name
	Rows  int    // data rows, without the header
	Bytes int64  // file size
}

// Summary reports what Write wrote.
type Summary struct {
	Customers, Residential, Business int
	Files                            []File // the six exports in Exports order, then TruthFile if asked for
}

// plan is everything derived from Options that every customer needs.
type plan struct {
	seed        int64
	customers   int
	gbk         bool
	truth       bool
	asOf        month // last bill month
	first       month // first of the 12 bill months
	refDay      int   // last day of asOf: the reference date
	windowStart int   // first of the 365 days ending at refDay
	exportDay   int   // last day of the month after asOf: payments after it are not exported
	grid        *grid
}

// refEnd returns the last second of the reference date.
func (p *plan) refEnd() int64 { return int64(p.refDay)*86400 + 86399 }

func newPlan(opts Options) (*plan, error) {
	if opts.Customers < 1 || opts.Customers > MaxCustomers {
		return nil, fmt.Errorf("sample: customers must be between 1 and %d, got %d", MaxCustomers, opts.Customers)
	}
	p := &plan{seed: opts.Seed, customers: opts.Customers, truth: opts.Truth}
	switch opts.Encoding {
	case "", "utf-8", "utf8", "UTF-8":
	case "gbk", "GBK":
		p.gbk = true
	default:
		return nil, fmt.Errorf("sample: unknown encoding %q (want utf-8 or gbk)", opts.Encoding)
	}
	asOf := opts.AsOf
	if asOf == "" {
		asOf = DefaultAsOf
	}
	mo, err := parseMonth(asOf)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	p.asOf, p.first = mo, mo-11
	p.refDay = mo.lastDay()
	p.windowStart = p.refDay - 364
	p.exportDay = (mo + 1).lastDay()
	p.grid = newGrid(opts.Seed, opts.Customers, p.windowStart, p.refDay)
	return p, nil
}

// chunkSize is the number of customers a goroutine draws at a time.
const chunkSize = 1024

// Write generates the exports described by opts into dir (which must exist), replacing files
// of the same names. Each file is written to a temporary file in dir and renamed into place
// only when all of them are complete, so a failed or cancelled run leaves no partial exports.
// It returns an error, and writes nothing, for invalid options.
func Write(ctx context.Context, dir string, opts Options) (Summary, error) {
	p, err := newPlan(opts)
	if err != nil {
		return Summary{}, err
	}
	names := make([]string, 0, numFiles)
	for _, e := range Exports() {
		names = append(names, e.File)
	}
	if p.truth {
		names = append(names, TruthFile)
	}
	out, err := createTemps(dir, names)
	if err != nil {
		return Summary{}, err
	}
	defer out.discard()

	sum := Summary{Customers: p.customers, Files: make([]File, len(names))}
	enc := newEncoder(p.gbk)
	for f, e := range Exports() {
		header := headerLine(e)
		if header, err = enc.encode(header); err != nil {
			return Summary{}, fmt.Errorf("sample: encoding %s header: %w", e.File, err)
		}
		out.w[f].Write(header)
	}
	if p.truth {
		out.w[fTruth].WriteString("customer_id,planted_segment\n")
	}

	free := newPool()
	for c := range generate(ctx, p, free) {
		if c.err != nil {
			return Summary{}, c.err
		}
		for f := range out.w {
			out.w[f].Write(c.buf[f])
			sum.Files[f].Rows += c.rows[f]
		}
		sum.Residential += c.residential
		sum.Business += c.business
		free.put(c)
	}
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	if err := out.commit(); err != nil {
		return Summary{}, err
	}
	for f, name := range names {
		sum.Files[f].Name = name
		sum.Files[f].Path = filepath.Join(dir, name)
		sum.Files[f].Bytes = out.size[f]
	}
	return sum, nil
}

func headerLine(e Export) []byte {
	var b []byte
	for i, c := range e.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, c.Header...)
	}
	return append(b, '\n')
}

// encoder turns UTF-8 rows into the output encoding.
type encoder struct{ e *encoding.Encoder }

func newEncoder(gbk bool) encoder {
	if !gbk {
		return encoder{}
	}
	return encoder{simplifiedchinese.GBK.NewEncoder()}
}

func (en encoder) encode(b []byte) ([]byte, error) {
	if en.e == nil {
		return b, nil
	}
	return en.e.Bytes(b)
}

// generate draws the customers in chunks on GOMAXPROCS goroutines and yields the chunks in
// customer order, taking chunks from free. A chunk with err set ends the sequence. The
// consumer must drain the channel; it closes when all chunks are yielded or ctx is cancelled.
func generate(ctx context.Context, p *plan, free *pool) <-chan *chunk {
	ctx, cancel := context.WithCancel(ctx)
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		c    *chunk
		done chan *chunk
	}
	jobs := make(chan job)
	order := make(chan chan *chunk, 2*workers)
	out := make(chan *chunk)

	go func() { // dispatcher: hands out chunks in order and remembers that order
		defer close(jobs)
		defer close(order)
		for lo := 0; lo < p.customers; lo += chunkSize {
			c := free.get()
			c.reset(lo, min(lo+chunkSize, p.customers))
			done := make(chan *chunk, 1)
			select {
			case order <- done:
			case <-ctx.Done():
				return
			}
			jobs <- job{c, done}
		}
	}()
	for range workers {
		go func() {
			g := newGenerator(p)
			enc := newEncoder(p.gbk)
			for j := range jobs {
				for i := j.c.lo; i < j.c.hi; i++ {
					g.customer(i, j.c)
				}
				for f := range fTruth { // the truth file stays UTF-8
					if j.c.err == nil {
						j.c.buf[f], j.c.err = enc.encode(j.c.buf[f])
					}
				}
				j.done <- j.c
			}
		}()
	}
	go func() { // collector: yields chunks in dispatch order
		defer close(out)
		defer cancel()
		for done := range order {
			c := <-done
			failed := c.err != nil // c belongs to the consumer once sent
			select {
			case out <- c:
			case <-ctx.Done():
				failed = true
			}
			if failed {
				cancel()
				for range order { // let the dispatcher finish
				}
				return
			}
		}
	}()
	return out
}

// pool recycles chunks and their buffers within one Write.
type pool struct{ free chan *chunk }

func newPool() *pool { return &pool{free: make(chan *chunk, 64)} }

func (p *pool) get() *chunk {
	select {
	case c := <-p.free:
		return c
	default:
		return &chunk{}
	}
}

func (p *pool) put(c *chunk) {
	select {
	case p.free <- c:
	default:
	}
}

// temps is a set of temporary files in one directory that become the named files together.
type temps struct {
	dir   string
	names []string
	f     []*os.File
	w     []*bufio.Writer
	size  []int64
	done  bool
}

func createTemps(dir string, names []string) (*temps, error) {
	t := &temps{dir: dir, names: names, size: make([]int64, len(names))}
	for _, name := range names {
		f, err := os.CreateTemp(dir, "."+name+".*.tmp")
		if err != nil {
			t.discard()
			return nil, fmt.Errorf("sample: %w", err)
		}
		t.f = append(t.f, f)
		t.w = append(t.w, bufio.NewWriterSize(f, 1<<20))
	}
	return t, nil
}

// commit flushes, syncs and closes every file, then renames each into place.
func (t *temps) commit() error {
	var errs []error
	for i, f := range t.f {
		if err := t.w[i].Flush(); err != nil {
			errs = append(errs, err)
		}
		if err := f.Sync(); err != nil {
			errs = append(errs, err)
		}
		if st, err := f.Stat(); err == nil {
			t.size[i] = st.Size()
		}
		if err := f.Chmod(0o644); err != nil {
			errs = append(errs, err)
		}
		if err := f.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sample: writing %s: %w", t.dir, err)
	}
	for i, f := range t.f {
		if err := os.Rename(f.Name(), filepath.Join(t.dir, t.names[i])); err != nil {
			return fmt.Errorf("sample: %w", err)
		}
	}
	t.done = true
	return nil
}

// discard closes and removes the temporary files unless commit succeeded.
func (t *temps) discard() {
	if t.done {
		return
	}
	for _, f := range t.f {
		f.Close()
		os.Remove(f.Name())
	}
}
