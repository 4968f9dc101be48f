package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/report/chart"
	"github.com/seglab/seglab/engine/segviews"
	"github.com/seglab/seglab/queries"
)

//go:embed report.html.tmpl
var pageSource string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"svg": func(c *chart.Canvas) template.HTML {
		if c == nil {
			return ""
		}
		// The SVG is built by package chart, which escapes every text it holds.
		return template.HTML(c.InlineSVG())
	},
	"font": func() template.CSS { return template.CSS(chart.FontFamily) },
}).Parse(pageSource))

// Section ids of the page, in order.
var SectionIDs = []string{"data", "sweep", "segments", "heatmap", "satisfaction-outage", "regions", "opportunities", "definition"}

// view is what the template renders: every text already in the report's language.
type view struct {
	Lang, Title, Generated string
	L                      map[string]string
	TOC                    []tocEntry
	DefFile                string
	Status                 string // draft or confirmed
	StatusText             string

	Sources     []sourceRow
	Population  string
	Customers   []countRow
	K           int
	Recommended int
	KText, Rule string
	SweepNote   string
	SilNote     string
	Ks          []kRow
	Elbow, Sil  *chart.Canvas

	Cards     []card
	Map       *chart.Canvas
	MapNote   string
	RulesNote string

	Heatmap    *chart.Canvas
	HeatNote   string
	Categories []catTable
	CatNote    string

	Outage      *chart.Canvas
	OutageNote  string
	OutageRows  []outageRow
	NoSurvey    string
	RegionNames []string
	RegionRows  []regionRow
	RegionNote  string

	Opps    []oppCard
	OppNote string

	Dims     []dimRow
	Settings [][2]string
	Confirm  string
	Note     string
	Notes    string
}

type tocEntry struct{ ID, Title string }

type sourceRow struct {
	File, RowsThen, RowsNow, Status, StatusKey string
}

type countRow struct {
	Label, Value, Key string
	Sub               bool
}

type kRow struct {
	K                                                             int
	Inertia, Silhouette, CH, DB, Stability, Smallest, Largest, Ok string
	Chosen, Recommended                                           bool
}

type card struct {
	ID                        int
	Name, Colour              string
	Customers, Share, FitSize string
	CustomersRaw              int
	ShareRaw                  string
	Description               string
	Traits                    []string
	Silhouette                string
	Rules                     []string // at most two, best first
}

// catTable is one categorical column's shares per segment.
type catTable struct {
	Column, Label, Test string
	Segments            []string // "1 · name" per segment
	Rows                []catRow
	More                string // how many rarer values are not shown
}

type catRow struct {
	Value, All string
	Cells      []catCell
}

type catCell struct {
	Share, Lift string
	Strong      bool // lift ≥ 1.5 and share ≥ 10 %
}

// maxCatValues is how many values of a categorical column the report lists, most frequent first.
const maxCatValues = 8

// categoryTables lays out the profile's categorical columns in lang.
func (r *Report) categoryTables(lang string) []catTable {
	var out []catTable
	for _, cp := range r.Profile.Categorical {
		if len(cp.Overall) < 2 {
			continue
		}
		label := cp.LabelEN
		if lang == ZH {
			label = cp.LabelZH
		}
		cs := cp.ChiSquare
		pText := "< 0.001"
		if p := float64(cs.P); finite(p) && p >= 0.001 {
			pText = "= " + fixed(p, 3)
		} else if !finite(p) {
			pText = "= –"
		}
		t := catTable{Column: cp.Column, Label: label,
			Test: trf(lang, "cat.test", fixed(float64(cs.Chi2), 1), fixed(float64(cs.DF), 0), pText, fixed(float64(cs.CramersV), 3))}
		for _, s := range cp.Segments {
			t.Segments = append(t.Segments, strconv.Itoa(s.Segment)+" · "+r.segName(s.Segment, lang))
		}
		for i, o := range cp.Overall {
			if i == maxCatValues {
				t.More = trf(lang, "cat.more", len(cp.Overall)-maxCatValues)
				break
			}
			row := catRow{Value: cp.ValueLabel(o.Value, lang), All: pctText(float64(o.Share))}
			for _, s := range cp.Segments {
				vs := s.Shares[i]
				share, lift := float64(vs.Share), float64(vs.Lift)
				row.Cells = append(row.Cells, catCell{Share: pctText(share), Lift: "×" + fixed(lift, 2),
					Strong: finite(lift) && lift >= 1.5 && share >= 0.10})
			}
			t.Rows = append(t.Rows, row)
		}
		out = append(out, t)
	}
	return out
}

type outageRow struct {
	ID                                                      int
	Name, Customers, Answers, Ratio, Satisfaction, Quadrant string
	Best                                                    string
}

type regionRow struct {
	ID    int
	Name  string
	Cells []regionCell
}

type regionCell struct {
	Text string
	Best bool
}

type oppCard struct {
	ID       int
	Name     string
	Flags    string
	Reasons  []string
	Channels []string
}

type dimRow struct{ Column, Kind, Transform, Weight string }

// HTML renders the report in r.Lang.
func (r *Report) HTML() ([]byte, error) {
	v := r.view()
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return b.Bytes(), nil
}

// intText writes n with a comma every three digits, as the rules do (segviews.Thousands).
func intText(n int) string { return segviews.Thousands(n) }

func pctText(x float64) string {
	if !finite(x) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func fixed(x float64, d int) string {
	if !finite(x) {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', d, 64)
}

func (r *Report) view() view {
	lang := r.Lang
	L := func(k string) string { return tr(lang, k) }
	v := view{Lang: lang, Title: L("title"), L: map[string]string{}, K: r.Def.K, Recommended: r.Sweep.Recommended}
	for k := range labels {
		v.L[strings.ReplaceAll(k, ".", "_")] = L(k)
	}
	v.Generated = trf(lang, "generated", r.Now.Format("2006-01-02 15:04"))
	for _, id := range SectionIDs {
		key := "sec." + id
		if id == "satisfaction-outage" {
			key = "sec.outage"
		}
		v.TOC = append(v.TOC, tocEntry{id, L(key)})
	}
	if r.DefinitionPath != "" {
		v.DefFile = filepath.Base(r.DefinitionPath)
	}
	c := r.Def.Confirmation
	v.Status = c.Status
	if st := r.Def.State(); st == definition.StateChanged {
		v.Status = "changed"
	}
	if c.Status == definition.Confirmed {
		at := ""
		if c.At != nil {
			at = c.At.Format("2006-01-02 15:04")
		}
		v.Confirm = trf(lang, "confirmed", c.By, at)
		v.StatusText = map[string]string{EN: "confirmed", ZH: "已确认"}[lang]
		if v.Status == "changed" {
			v.StatusText = r.Def.State().Text(lang)
			v.Confirm += " " + v.StatusText
		}
		v.Note = c.Note
	} else {
		v.Confirm = L("draft")
		v.StatusText = map[string]string{EN: "draft", ZH: "草稿"}[lang]
	}
	v.Notes = r.Def.Notes

	// Data and population.
	if r.Checks != nil {
		for _, ch := range r.Checks {
			row := sourceRow{File: filepath.Base(ch.File), StatusKey: ch.Status, Status: L("status." + ch.Status)}
			row.RowsThen, row.RowsNow = intText(int(ch.RowsWas)), intText(int(ch.RowsNow))
			if ch.Status == "missing" {
				row.RowsNow = "–"
			}
			if ch.Status == "new" {
				row.RowsThen = "–"
			}
			v.Sources = append(v.Sources, row)
		}
	} else {
		for _, s := range r.Def.Sources {
			v.Sources = append(v.Sources, sourceRow{File: filepath.Base(s.File), RowsThen: intText(int(s.Rows)), RowsNow: "–",
				StatusKey: "unknown", Status: L("status.unknown")})
		}
	}
	v.Population = filterText(r.Def.Population, lang)
	cu := r.Customers
	v.Customers = []countRow{
		{L("customers_total"), intText(cu.Total), "total", false},
		{L("customers_in"), intText(cu.Clustered), "clustered", false},
		{L("customers_incomp"), intText(cu.Incomplete), "incomplete", true},
	}
	if len(r.Def.Routes) > 0 || cu.Routed > 0 {
		v.Customers = append(v.Customers, countRow{L("customers_routed"), intText(cu.Routed), "routed", false})
	}
	v.Customers = append(v.Customers, countRow{L("customers_out"), intText(cu.Outside), "outside", false})

	// The sweep.
	sw := r.Sweep
	for _, k := range sw.Ks {
		v.Ks = append(v.Ks, kRow{K: k.K, Inertia: fixed(k.Fit.Inertia, 1), Silhouette: fixed(k.Silhouette, 3),
			CH: fixed(k.Quality.CalinskiHarabasz, 1), DB: fixed(k.Quality.DaviesBouldin, 3), Stability: fixed(k.Stability, 3),
			Smallest: pctText(k.Quality.SmallestShare), Largest: pctText(k.Quality.LargestShare),
			Ok: map[bool]string{true: L("yes"), false: L("no")}[k.Qualifies], Chosen: k.K == r.Def.K, Recommended: k.K == sw.Recommended})
	}
	if r.Def.K == sw.Recommended {
		v.KText = trf(lang, "k.same", r.Def.K)
	} else {
		v.KText = trf(lang, "k.differ", r.Def.K, sw.Recommended)
	}
	v.Rule = trf(lang, "k.rule", r.Sweep.Explain(lang))
	a := r.Def.Algorithm
	v.SweepNote = trf(lang, "sweep.note", sw.Ks[0].K, sw.Ks[len(sw.Ks)-1].K, a.Seed, a.NInit)
	if !sw.SilhouetteExact {
		v.SilNote = trf(lang, "sil.sample", sw.SilhouetteRows)
	}
	charts := map[string]*chart.Canvas{}
	for _, ch := range r.Charts(lang) {
		charts[ch.Name] = ch.Canvas
	}
	v.Elbow, v.Sil, v.Heatmap, v.Outage = charts["elbow"], charts["silhouette"], charts["heatmap"], charts["satisfaction-outage"]
	v.Map = charts["segment-map"]
	if vw := r.Views; vw != nil {
		if vw.Map != nil {
			v.MapNote = trf(lang, "map.note", intText(vw.SampleRows), pctText(vw.Map.Explained[0]+vw.Map.Explained[1]))
		}
		if vw.Rules != nil {
			v.RulesNote = trf(lang, "rules.note", segviews.RuleDepth, pctText(vw.RuleAccuracy))
		}
	}
	v.Categories = r.categoryTables(lang)
	v.CatNote = trf(lang, "cat.note")
	v.HeatNote = L("heat.note")
	for _, np := range r.Profile.Numeric {
		if !np.RatioScale() {
			v.HeatNote += L("heat.note.std")
			break
		}
	}

	// Segment cards.
	fitSize := map[int]int{}
	descs := map[int]definition.Text{}
	for _, s := range r.Def.Segments {
		fitSize[s.ID] = s.Size
		descs[s.ID] = s.Description
	}
	for j, s := range r.Profile.Segments {
		cd := card{ID: s.ID, Name: r.segName(s.ID, lang), Colour: segColour(j), Customers: intText(s.Customers), CustomersRaw: s.Customers,
			Share: pctText(float64(s.Share)), ShareRaw: strconv.FormatFloat(float64(s.Share), 'f', 6, 64),
			FitSize: trf(lang, "size_at_fit", intText(fitSize[s.ID]))}
		// The workshop's description; the generated one only repeats the traits listed below.
		cd.Description = descs[s.ID].In(lang)
		for i, t := range s.Traits {
			if i == 4 {
				break
			}
			cd.Traits = append(cd.Traits, map[string]string{EN: t.EN, ZH: t.ZH}[lang])
		}
		if vw := r.Views; vw != nil {
			if sil, ok := vw.Silhouettes[s.ID]; ok {
				cd.Silhouette = trf(lang, "card.silhouette", fixed(sil, 3), intText(vw.SampleRows))
			}
			for i, rule := range vw.Rules[s.ID] {
				if i == 2 {
					break
				}
				cd.Rules = append(cd.Rules, trf(lang, "card.rule", segviews.RuleText(rule, lang), intText(rule.Correct), intText(rule.Covered)))
			}
		}
		v.Cards = append(v.Cards, cd)
	}

	// Satisfaction versus outage and regions.
	if so := r.Profile.SatisfactionOutage; so != nil {
		v.OutageNote = trf(lang, "outage.note", fixed(float64(so.Reference.Satisfaction), 2), fixed(float64(so.Reference.OutageRatio), 2))
		var none []string
		for _, p := range so.Points {
			v.OutageRows = append(v.OutageRows, outageRow{ID: p.Segment, Name: r.segName(p.Segment, lang), Customers: intText(p.Customers),
				Answers: intText(p.Answers), Ratio: fixed(float64(p.OutageRatio), 2), Satisfaction: fixed(float64(p.Satisfaction), 2),
				Quadrant: quadrantLabel(p.Quadrant, lang), Best: queries.ValueLabel("region", p.BestRegion, lang)})
			if !finite(float64(p.Satisfaction)) {
				none = append(none, r.segName(p.Segment, lang))
			}
		}
		if len(none) > 0 {
			v.NoSurvey = trf(lang, "outage.nosurvey", strings.Join(none, ", "))
		}
		if len(so.Regions) > 0 {
			v.RegionNote = trf(lang, "regions.note", so.MinAnswers)
			set := map[string]bool{}
			for _, c := range so.Regions {
				set[c.Region] = true
			}
			var regions []string
			for reg := range set {
				regions = append(regions, reg)
			}
			sort.Strings(regions)
			for _, reg := range regions {
				v.RegionNames = append(v.RegionNames, queries.ValueLabel("region", reg, lang))
			}
			for _, p := range so.Points {
				row := regionRow{ID: p.Segment, Name: r.segName(p.Segment, lang)}
				for _, reg := range regions {
					cell := regionCell{Text: "–"}
					for _, c := range so.Regions {
						if c.Segment == p.Segment && c.Region == reg {
							cell = regionCell{Text: fmt.Sprintf("%s (%s)", fixed(float64(c.Satisfaction), 2), intText(c.Answers)), Best: c.Best}
						}
					}
					row.Cells = append(row.Cells, cell)
				}
				v.RegionRows = append(v.RegionRows, row)
			}
		}
	}

	// Opportunities.
	v.OppNote = L("opp.note")
	for _, op := range r.Profile.Opportunities {
		oc := oppCard{ID: op.Segment, Name: r.segName(op.Segment, lang), Flags: trf(lang, "opp.flags", op.Flags)}
		for _, in := range op.Indicators {
			if in.Flag {
				oc.Reasons = append(oc.Reasons, map[string]string{EN: in.ReasonEN, ZH: in.ReasonZH}[lang])
			}
		}
		ch := func(key string, c *profile.Channel) {
			if c != nil {
				oc.Channels = append(oc.Channels, L(key)+": "+trf(lang, "channel_fmt", c.Value, pctText(float64(c.Share)), pctText(float64(c.PopulationShare))))
			}
		}
		ch("payment_channel", op.PaymentChannel)
		ch("contact_channel", op.ContactChannel)
		v.Opps = append(v.Opps, oc)
	}

	// The definition.
	for _, d := range r.Def.Preprocessing.Dims {
		row := dimRow{Column: columnLabel(d.Column, lang), Kind: L("numeric"), Transform: L("none"), Weight: strconv.FormatFloat(d.Weight, 'g', 4, 64)}
		if d.Kind == prep.Categorical {
			cats := make([]string, len(d.Categories))
			for i, c := range d.Categories {
				cats[i] = queries.ValueLabel(d.Column, c, lang)
			}
			row.Kind = L("categorical") + " (" + strings.Join(cats, ", ") + ")"
			row.Transform = "–"
		} else {
			switch d.Transform {
			case prep.Log1p:
				row.Transform = "log1p"
			case prep.Winsorize:
				row.Transform = trf(lang, "winsor", strconv.FormatFloat(d.WinsorLow, 'g', 3, 64), strconv.FormatFloat(d.WinsorHigh, 'g', 3, 64))
			}
		}
		v.Dims = append(v.Dims, row)
	}
	m := r.Def.Metrics
	v.Settings = [][2]string{
		{L("definition_file"), v.DefFile},
		{L("created"), r.Def.Created.Format(time.RFC3339)},
		{L("population"), v.Population},
		{L("scaling"), string(r.Def.Preprocessing.Scaling)},
		{L("k"), strconv.Itoa(r.Def.K)},
		{L("seed"), strconv.FormatUint(a.Seed, 10)},
		{L("n_init"), strconv.Itoa(a.NInit)},
		{L("algorithm"), fmt.Sprintf("%s (%s, %s, max_iter %d, tol %g)", a.Name, a.Method, a.Seeding, a.MaxIter, a.Tol)},
		{"", trf(lang, "fit_metrics", m.Fitted, m.Population, m.Silhouette, m.Stability)},
	}
	return v
}
