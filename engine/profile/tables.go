package profile

// Table is one table of a profile laid out for a spreadsheet: a name, a header and rows of
// plain values (text, int, float64; NaN where a statistic is undefined).
type Table struct {
	Name   string
	Header []string
	Rows   [][]any
}

// Tables lays r out as three tables, for a workbook: segments (size, share, descriptions),
// numeric (per column and segment, with the population as segment 0: count, mean, sd,
// quartiles, index, standardised difference) and categorical (per column, value and segment,
// the population as segment 0: count, share, lift). Labels are in lang ("zh" Chinese, else
// English).
func (r *Result) Tables(lang string) []Table {
	label := func(en, zh string) string {
		if lang == "zh" && zh != "" {
			return zh
		}
		return en
	}
	segs := Table{Name: "segments", Header: []string{"segment", "name", "customers", "share", "description"}}
	for _, s := range r.Segments {
		segs.Rows = append(segs.Rows, []any{s.ID, s.Name, s.Customers, float64(s.Share), label(s.DescriptionEN, s.DescriptionZH)})
	}
	num := Table{Name: "numeric", Header: []string{"column", "label", "segment", "count", "mean", "sd", "q1", "median", "q3", "index", "std_diff"}}
	for _, np := range r.Numeric {
		l := label(np.LabelEN, np.LabelZH)
		o := np.Overall
		num.Rows = append(num.Rows, []any{np.Column, l, 0, o.Count, float64(o.Mean), float64(o.SD), float64(o.Q1), float64(o.Median), float64(o.Q3), 100.0, 0.0})
		for _, s := range np.Segments {
			num.Rows = append(num.Rows, []any{np.Column, l, s.Segment, s.Count, float64(s.Mean), float64(s.SD), float64(s.Q1),
				float64(s.Median), float64(s.Q3), float64(s.Index), float64(s.StdDiff)})
		}
	}
	cat := Table{Name: "categorical", Header: []string{"column", "label", "value", "segment", "count", "share", "lift"}}
	for _, cp := range r.Categorical {
		l := label(cp.LabelEN, cp.LabelZH)
		for i, v := range cp.Overall {
			value := cp.ValueLabel(v.Value, lang)
			cat.Rows = append(cat.Rows, []any{cp.Column, l, value, 0, v.Count, float64(v.Share), float64(v.Lift)})
			for _, s := range cp.Segments {
				if i < len(s.Shares) {
					sh := s.Shares[i]
					cat.Rows = append(cat.Rows, []any{cp.Column, l, value, s.Segment, sh.Count, float64(sh.Share), float64(sh.Lift)})
				}
			}
		}
	}
	return []Table{segs, num, cat}
}
