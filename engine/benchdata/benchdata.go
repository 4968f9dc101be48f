// Package benchdata generates the deterministic synthetic tables that seglab's speed
// benchmarks run on, and writes them as CSV so that the scikit-learn peer can be timed on
// exactly the same rows.
//
// Two kinds of data are provided. Blobs are well-separated Gaussian clusters, unscaled: easy
// for k-means, which converges in a handful of iterations. Customers are shaped like a power
// supply company's residential wide table: skewed columns (log-normal kWh and bills, Poisson
// counts of outages, tickets and late payments), six overlapping segments, z-scored, on
// which k-means needs tens of iterations, as on real exports.
package benchdata

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// CustomerColumns names the columns of Customers, in order.
var CustomerColumns = []string{
	"annual_kwh", "peak_share", "avg_bill", "outages_12m", "tickets_12m",
	"late_payments_12m", "tenure_years", "online_share", "satisfaction",
}

// segment describes one latent customer segment of Customers.
type segment struct {
	weight                            float64
	logKwh, logKwhSD                  float64 // log-normal annual kWh
	peakLogit                         float64 // logit of the mean peak share
	outages, tickets, late            float64 // Poisson means
	tenureMean                        float64 // exponential tenure, years
	onlineLogit, satisfaction, satisf float64 // logit of the online share; satisfaction mean and sd
}

// The segments overlap on purpose: neighbouring segments differ by less than one standard
// deviation on most columns, as real customer segments do.
var segments = []segment{
	{0.24, 7.6, 0.70, -0.9, 0.6, 0.5, 0.3, 9, -0.4, 7.8, 1.6}, // comfortable
	{0.20, 8.1, 0.65, -0.4, 0.9, 1.2, 0.4, 4, 0.8, 7.2, 1.8},  // engaged families
	{0.18, 7.2, 0.80, -0.2, 0.4, 0.6, 1.8, 3, -0.2, 6.6, 2.1}, // financially stressed
	{0.16, 8.5, 0.60, -0.7, 1.4, 0.8, 0.2, 11, 0.3, 7.0, 1.7}, // affluent
	{0.12, 6.9, 0.70, -0.5, 0.8, 1.8, 0.9, 2, 1.2, 5.9, 2.2},  // basic service, unhappy
	{0.10, 7.9, 0.85, -1.1, 2.2, 1.0, 0.6, 6, -0.9, 6.2, 1.9}, // gas heating, many outages
}

// blockRows is the number of rows generated from one random stream; streams are keyed by
// (seed, block), so the table does not depend on how it is generated.
const blockRows = 1 << 14

// Customers returns n rows × len(CustomerColumns) columns, row-major, of synthetic residential
// customers drawn from six overlapping segments with skewed columns, every column then
// z-scored (mean 0, population standard deviation 1). The same n and seed always give the
// same bits.
func Customers(n int, seed uint64) []float64 {
	d := len(CustomerColumns)
	x := make([]float64, n*d)
	var total float64
	for _, s := range segments {
		total += s.weight
	}
	for lo := 0; lo < n; lo += blockRows {
		rng := rand.New(rand.NewPCG(seed, uint64(lo/blockRows)))
		for i := lo; i < min(lo+blockRows, n); i++ {
			u := rng.Float64() * total
			g := 0
			for g < len(segments)-1 && u >= segments[g].weight {
				u -= segments[g].weight
				g++
			}
			customerRow(x[i*d:(i+1)*d], segments[g], rng)
		}
	}
	ZScore(x, n, d)
	return x
}

// customerRow fills row with one customer of segment s.
func customerRow(row []float64, s segment, rng *rand.Rand) {
	kwh := math.Exp(s.logKwh + s.logKwhSD*rng.NormFloat64())
	price := 0.55 * math.Exp(0.15*rng.NormFloat64())
	row[0] = kwh
	row[1] = logistic(s.peakLogit + 0.7*rng.NormFloat64())
	row[2] = kwh * price / 12
	row[3] = float64(poisson(rng, s.outages))
	row[4] = float64(poisson(rng, s.tickets))
	row[5] = float64(poisson(rng, s.late))
	row[6] = s.tenureMean * rng.ExpFloat64()
	row[7] = logistic(s.onlineLogit + 1.3*rng.NormFloat64())
	row[8] = math.Round(min(10, max(0, s.satisfaction+s.satisf*rng.NormFloat64())))
}

func logistic(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

// poisson draws from a Poisson distribution of small mean lambda (Knuth's method).
func poisson(rng *rand.Rand, lambda float64) int {
	limit, p, k := math.Exp(-lambda), 1.0, 0
	for {
		p *= rng.Float64()
		if p <= limit {
			return k
		}
		k++
	}
}

// Blobs returns n rows × d columns, row-major, from a fixed mixture of g well-separated
// spherical Gaussian clusters (means drawn from N(0, 3²) per coordinate, standard deviations
// in [0.6, 1.6], weights proportional to 1, 2, …, g), unscaled. The same arguments always
// give the same bits.
func Blobs(n, d, g int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 0x5e91ab))
	means := make([]float64, g*d)
	for i := range means {
		means[i] = 3 * rng.NormFloat64()
	}
	sd := make([]float64, g)
	cum := make([]float64, g)
	var total float64
	for j := range g {
		sd[j] = 0.6 + rng.Float64()
		total += float64(j + 1)
		cum[j] = total
	}
	x := make([]float64, n*d)
	for i := range n {
		u := rng.Float64() * total
		j := 0
		for cum[j] <= u {
			j++
		}
		for t := range d {
			x[i*d+t] = means[j*d+t] + sd[j]*rng.NormFloat64()
		}
	}
	return x
}

// ZScore scales every column of the n×d row-major matrix x to mean 0 and population
// standard deviation 1, in place; a constant column becomes 0.
func ZScore(x []float64, n, d int) {
	for t := range d {
		var mean, ss float64
		for i := range n {
			mean += x[i*d+t]
		}
		mean /= float64(n)
		for i := range n {
			ss += (x[i*d+t] - mean) * (x[i*d+t] - mean)
		}
		sd := math.Sqrt(ss / float64(n))
		if sd == 0 {
			sd = 1
		}
		for i := range n {
			x[i*d+t] = (x[i*d+t] - mean) / sd
		}
	}
}

// ColumnNames returns x0, x1, …, x(d−1).
func ColumnNames(d int) []string {
	names := make([]string, d)
	for j := range names {
		names[j] = "x" + strconv.Itoa(j)
	}
	return names
}

// WriteCSV writes the n×d row-major matrix x to path as a CSV with the given header, every
// value formatted so that it reads back bit-identical. The file is written under a temporary
// name in the same folder and renamed into place when complete.
func WriteCSV(path string, x []float64, n int, names []string) (err error) {
	d := len(names)
	if d == 0 || len(x) != n*d {
		return fmt.Errorf("benchdata: %d values do not form %d rows × %d columns", len(x), n, d)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	buf := make([]byte, 0, 64)
	for j, name := range names {
		if j > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, name...)
	}
	buf = append(buf, '\n')
	w.Write(buf)
	for i := range n {
		buf = buf[:0]
		for j, v := range x[i*d : (i+1)*d] {
			if j > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
