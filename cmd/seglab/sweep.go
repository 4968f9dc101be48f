package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/sweep"
)

func newSweepCmd() *cobra.Command {
	var f segmentFlags
	var kRange string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sweep --input PATH --dims a,b,c [--k 2-7]",
		Short: "Try k-means for several numbers of segments and compare their quality",
		Long: `Fit k-means for every k in a range (2 to 7 by default: the domain's rule is at most seven
segments) and print, per k, the inertia, silhouette, Calinski–Harabasz and Davies–Bouldin
indexes, the smallest and largest segment shares and the stability (mean adjusted Rand index
between refits on bootstrap samples), with a recommended k and the rule that picked it.

The recommendation is a vote. Among the k whose segment shares all lie between 5 % and 50 %
(every k when none does), the silhouette, Calinski–Harabasz and stability each vote for their
highest k and Davies–Bouldin for its lowest; the k with most votes wins, ties going to the
higher stability, then the higher silhouette. The recommended k's silhouette is read in the
bands of Kaufman and Rousseeuw: above 0.70 strong structure, above 0.50 reasonable, above
0.25 weak, else no substantial structure — said in words when it is weak.

Above 100,000 rows the sweep runs on a stratified sample of 100,000 (the output says so);
fit the chosen k on every row with 'seglab cluster --k K'. The silhouette is exact up to
20,000 swept rows and computed on a stratified sample above that; the output says which.

` + dimsHelp,
		Example: `  seglab sweep --input wide.parquet --dims annual_kwh:log1p,peak_share,outages_12m,late_payment_count --json
  seglab sweep --input exports/ --filter customer_type=residential --dims annual_kwh:log1p,tickets_12m --k 3-6`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			kmin, kmax, err := parseKRange(kRange)
			if err != nil {
				return err
			}
			in, err := f.load(cmd, args, nil) // writes nothing
			if err != nil {
				return err
			}
			defer in.ws.Close()
			start := time.Now()
			res, err := in.Sweep(cmd.Context(), kmin, kmax, nil, nil)
			if err != nil {
				return err
			}
			out := newSweepReport(in, res, time.Since(start))
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return out.write(cmd.OutOrStdout())
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&kRange, "k", "2-7", "range of segment counts to try, MIN-MAX (2 ≤ MIN ≤ MAX)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	return cmd
}

// parseKRange reads "2-7" or a single "5".
func parseKRange(s string) (int, int, error) {
	lo, hi, found := strings.Cut(s, "-")
	if !found {
		hi = lo
	}
	a, err1 := strconv.Atoi(strings.TrimSpace(lo))
	b, err2 := strconv.Atoi(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil || a < 2 || b < a {
		return 0, 0, usagef("--k %q: write MIN-MAX with 2 ≤ MIN ≤ MAX, e.g. 2-7", s)
	}
	return a, b, nil
}

// sweepK is one k of the sweep report; JSON keys are stable for scripts.
type sweepK struct {
	K                int       `json:"k"`
	Inertia          float64   `json:"inertia"`
	Iterations       int       `json:"iterations"`
	Seconds          float64   `json:"seconds"`
	Silhouette       jsonFloat `json:"silhouette"`
	CalinskiHarabasz jsonFloat `json:"calinski_harabasz"`
	DaviesBouldin    jsonFloat `json:"davies_bouldin"`
	Stability        jsonFloat `json:"stability"`
	Sizes            []int     `json:"sizes"`
	SmallestShare    float64   `json:"smallest_share"`
	LargestShare     float64   `json:"largest_share"`
	SharesOK         bool      `json:"shares_within_bounds"`
}

// sweepReport is what sweep prints.
type sweepReport struct {
	N                 int      `json:"n"`
	Fitted            int      `json:"fitted"`
	Swept             int      `json:"swept"`
	LeftOutMissing    int      `json:"left_out_missing"`
	Dims              []string `json:"dims"`
	Scaling           string   `json:"scaling"`
	SilhouetteExact   bool     `json:"silhouette_exact"`
	SilhouetteSample  int      `json:"silhouette_sample"`
	Ks                []sweepK `json:"ks"`
	RecommendedK      int      `json:"recommended_k"`
	RecommendedReason string   `json:"recommended_reason"`
	Votes             []vote   `json:"votes"`
	Structure         string   `json:"structure"` // Kaufman–Rousseeuw band of the recommended k's silhouette
	Seconds           float64  `json:"seconds"`
}

// vote is one quality index's choice of k.
type vote struct {
	Index string `json:"index"`
	K     int    `json:"k"`
}

func newSweepReport(in *segmentInput, res *sweep.Result, elapsed time.Duration) sweepReport {
	r := in.Prepared.Report
	out := sweepReport{
		N: in.Rows.N, Fitted: in.Prepared.N, Swept: res.SampleRows, LeftOutMissing: r.Dropped,
		Dims: in.Prepared.Fitted.ColumnLabels(), Scaling: string(in.Prepared.Fitted.Scaling),
		SilhouetteExact: res.SilhouetteExact, SilhouetteSample: res.SilhouetteRows,
		RecommendedK: res.Recommended, RecommendedReason: res.Rule, Seconds: elapsed.Seconds(),
		Structure: string(res.Structure),
	}
	for _, v := range res.Votes {
		out.Votes = append(out.Votes, vote{string(v.Index), v.K})
	}
	for _, k := range res.Ks {
		out.Ks = append(out.Ks, sweepK{
			K: k.K, Inertia: k.Fit.Inertia, Iterations: k.Fit.Iterations, Seconds: k.FitTime.Seconds(),
			Silhouette: jsonFloat(k.Silhouette), CalinskiHarabasz: jsonFloat(k.Quality.CalinskiHarabasz),
			DaviesBouldin: jsonFloat(k.Quality.DaviesBouldin), Stability: jsonFloat(k.Stability),
			Sizes: k.Fit.Sizes, SmallestShare: k.Quality.SmallestShare, LargestShare: k.Quality.LargestShare,
			SharesOK: k.Qualifies,
		})
	}
	return out
}

func (s sweepReport) write(w io.Writer) error {
	sil := "exact"
	if !s.SilhouetteExact {
		sil = fmt.Sprintf("on a stratified sample of %d rows", s.SilhouetteSample)
	}
	fmt.Fprintf(w, "%d rows, %d fitted (%d left out for missing values); %d dimensions, %s scaling; silhouette %s\n",
		s.N, s.Fitted, s.LeftOutMissing, len(s.Dims), s.Scaling, sil)
	if s.Swept < s.Fitted {
		fmt.Fprintf(w, "swept on a stratified sample of %d rows; fit the chosen k on every row with seglab cluster --k K\n", s.Swept)
	}
	fmt.Fprintln(w)
	t := newTextTable("k", "inertia", "silhouette", "Calinski–Harabasz", "Davies–Bouldin", "stability", "smallest", "largest", "votes", "fit s").alignRight(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	for _, k := range s.Ks {
		mark := ""
		if k.K == s.RecommendedK {
			mark = " ←"
		}
		votes := 0
		for _, v := range s.Votes {
			if v.K == k.K {
				votes++
			}
		}
		t.add(strconv.Itoa(k.K)+mark, fmt.Sprintf("%.1f", k.Inertia), k.Silhouette.format(3), k.CalinskiHarabasz.format(1),
			k.DaviesBouldin.format(3), k.Stability.format(3), pct(k.SmallestShare), pct(k.LargestShare), strconv.Itoa(votes), fmt.Sprintf("%.2f", k.Seconds))
	}
	if err := t.write(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nrecommended k = %d: %s\n(%.2f s in all)\n", s.RecommendedK, s.RecommendedReason, s.Seconds)
	return err
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

// jsonFloat is a float64 that JSON writes as null when it is NaN or infinite (a silhouette
// of one cluster, a stability without refits).
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(v)
}

func (f jsonFloat) format(decimals int) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// writeJSON prints v as indented JSON with Chinese left readable.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
