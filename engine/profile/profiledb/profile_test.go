package profiledb

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/profile"

	_ "github.com/duckdb/duckdb-go/v2"
	"gonum.org/v1/gonum/floats/scalar"
)

func openDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one connection: an in-memory database is per connection
	t.Cleanup(func() { db.Close() })
	return db
}

func execSQL(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// handTable is eight customers in two segments whose figures are worked out by hand in
// TestHandComputed.
const handTable = `CREATE TABLE wide AS SELECT * FROM (VALUES
	('c1', 100.0,  0, 8,    'east',    'owner',  0),
	('c2', 120.0,  1, 9,    'east',    'owner',  0),
	('c3', 140.0,  0, NULL, 'west',    'renter', 0),
	('c4', 160.0,  1, 7,    'east',    'owner',  0),
	('c5', 200.0,  3, 5,    'west',    'renter', 0),
	('c6', 220.0,  2, 6,    'central', 'renter', 120),
	('c7', 240.0,  4, NULL, 'west',    'owner',  0),
	('c8', 260.0,  3, 4,    'west',    'renter', 300)
) AS t(customer_id, bill, outages_12m, satisfaction, region, housing, arrears_over_60d)`

const handAssignments = `CREATE TABLE assignments AS SELECT * FROM (VALUES
	('c1', 1, 'comfortable'), ('c2', 1, 'comfortable'), ('c3', 1, 'comfortable'), ('c4', 1, 'comfortable'),
	('c5', 2, 'stressed'), ('c6', 2, 'stressed'), ('c7', 2, 'stressed'), ('c8', 2, 'stressed')
) AS t(customer_id, segment, segment_name)`

var handColumns = []profile.Column{
	{Name: "customer_id"},
	{Name: "bill", Kind: profile.Numeric, LabelEN: "bill", LabelZH: "电费"},
	{Name: "outages_12m", Kind: profile.Numeric, LabelEN: "outages", LabelZH: "停电", Countable: true},
	{Name: "satisfaction", Kind: profile.Numeric, LabelEN: "satisfaction", LabelZH: "满意度"},
	{Name: "region", Kind: profile.Categorical, LabelEN: "region", LabelZH: "区域"},
	{Name: "housing", Kind: profile.Categorical, LabelEN: "housing", LabelZH: "房屋产权"},
	{Name: "arrears_over_60d", Kind: profile.Numeric, LabelEN: "arrears", LabelZH: "欠费"},
}

func near(t *testing.T, what string, got profile.Number, want float64) {
	t.Helper()
	if !scalar.EqualWithinAbsOrRel(float64(got), want, 1e-12, 1e-12) {
		t.Errorf("%s = %.15g, want %.15g", what, float64(got), want)
	}
}

func handResult(t *testing.T, opts profile.Options) *profile.Result {
	t.Helper()
	db := openDB(t)
	execSQL(t, db, handTable, handAssignments)
	if opts.Columns == nil {
		opts.Columns = handColumns
	}
	r, err := Compute(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestHandComputed(t *testing.T) {
	r := handResult(t, profile.Options{MaxTraits: 6, MinAnswers: 2, MaxHalfWidth: 10})

	if r.Customers != 8 || len(r.Segments) != 2 || r.Segments[0].Name != "comfortable" || r.Segments[1].Customers != 4 {
		t.Fatalf("segments %+v", r.Segments)
	}
	near(t, "share", r.Segments[0].Share, 0.5)
	if !strings.Contains(r.NoteEN, "descriptive") {
		t.Errorf("note %q", r.NoteEN)
	}

	// bill: overall mean 1440/8 = 180, population variance 24000/8 = 3000.
	bill := r.NumericColumn("bill")
	near(t, "overall mean", bill.Overall.Mean, 180)
	near(t, "overall sd", bill.Overall.SD, math.Sqrt(3000))
	near(t, "overall q1", bill.Overall.Q1, 135) // position 1.75: 120 + 0.75·20
	near(t, "overall median", bill.Overall.Median, 180)
	near(t, "overall q3", bill.Overall.Q3, 225)
	s1, s2 := bill.Segments[0], bill.Segments[1]
	if s1.Count != 4 || s1.Segment != 1 || s2.Segment != 2 {
		t.Errorf("segment summaries %+v %+v", s1, s2)
	}
	near(t, "seg1 mean", s1.Mean, 130)
	near(t, "seg1 median", s1.Median, 130)
	near(t, "seg1 q1", s1.Q1, 115)
	near(t, "seg1 q3", s1.Q3, 145)
	near(t, "seg2 mean", s2.Mean, 230)
	near(t, "seg1 index", s1.Index, 130.0/180*100)
	near(t, "seg2 index", s2.Index, 230.0/180*100)
	near(t, "seg1 std diff", s1.StdDiff, -50/math.Sqrt(3000))
	near(t, "seg2 std diff", s2.StdDiff, 50/math.Sqrt(3000))
	// SSB = 2·4·50² = 20000, SSW = 2·2000, F = 20000 / (4000/6) = 30, η² = 20000/24000.
	near(t, "F", bill.ANOVA.F, 30)
	near(t, "eta²", bill.ANOVA.EtaSquared, 20000.0/24000)
	near(t, "df within", bill.ANOVA.DFWithin, 6)
	near(t, "p", bill.ANOVA.P, 0.0015474212145409388) // scipy.stats.f.sf(30, 1, 6)

	sat := r.NumericColumn("satisfaction")
	if sat.Overall.Count != 6 || sat.Segments[0].Count != 3 {
		t.Errorf("satisfaction counts %d %d", sat.Overall.Count, sat.Segments[0].Count)
	}
	near(t, "satisfaction mean", sat.Overall.Mean, 6.5)
	near(t, "arrears positive share", r.NumericColumn("arrears_over_60d").Segments[1].PositiveShare, 0.5)

	// region: overall west 4, east 3, central 1; segment 1 east 3 west 1, segment 2 west 3 central 1.
	// Expected counts per row: east 1.5, west 2, central 0.5; χ² = 2·(1.5 + 0.5 + 0.5) = 5.
	region := r.CategoricalColumn("region")
	if got := []string{region.Overall[0].Value, region.Overall[1].Value, region.Overall[2].Value}; strings.Join(got, ",") != "west,east,central" {
		t.Errorf("value order %v", got)
	}
	near(t, "west share", region.Overall[0].Share, 0.5)
	east1 := region.Segments[0].Shares[1]
	if east1.Value != "east" || east1.Count != 3 {
		t.Errorf("east in segment 1: %+v", east1)
	}
	near(t, "east share seg1", east1.Share, 0.75)
	near(t, "east lift seg1", east1.Lift, 2)
	near(t, "chi2", region.ChiSquare.Chi2, 5)
	near(t, "df", region.ChiSquare.DF, 2)
	near(t, "p", region.ChiSquare.P, math.Exp(-2.5)) // χ²(2) survival is exp(−x/2)
	near(t, "V", region.ChiSquare.CramersV, math.Sqrt(5.0/8))

	// Survey: segment 1 answers 8, 9, 7: sd 1, half-width t(0.975, 2)/√3.
	sv := r.Survey[0]
	if sv.Answers != 3 || sv.Customers != 4 {
		t.Errorf("survey %+v", sv)
	}
	near(t, "coverage", sv.Coverage, 0.75)
	near(t, "sd", sv.SD, 1)
	// gonum's t quantile agrees with scipy.stats.t.ppf(0.975, 2) to about 1e-11.
	if hw := float64(sv.HalfWidth); !scalar.EqualWithinRel(hw, 4.302652729911275/math.Sqrt(3), 1e-9) {
		t.Errorf("half-width %.15g", hw)
	}
	if sv.TooFew {
		t.Errorf("segment 1 flagged: %s", sv.Reason)
	}

	// Chart: outages 2/4 and 12/4, reference 14/8 and satisfaction 6.5.
	so := r.SatisfactionOutage
	near(t, "ref x", so.Reference.OutageRatio, 1.75)
	near(t, "ref y", so.Reference.Satisfaction, 6.5)
	near(t, "x1", so.Points[0].OutageRatio, 0.5)
	near(t, "x2", so.Points[1].OutageRatio, 3)
	near(t, "y2", so.Points[1].Satisfaction, 5)
	if so.Points[0].Quadrant != profile.FewOutagesSatisfied || so.Points[1].Quadrant != profile.ManyOutagesUnsatisfied || so.Points[1].QuadrantZH != "停电多·不满意" {
		t.Errorf("quadrants %+v", so.Points)
	}
	// Regions (MinAnswers 2): segment 1 east (3 answers, 8); segment 2 west (2 answers, 4.5)
	// because central has a single answer, though higher (6).
	if so.Points[0].BestRegion != "east" || so.Points[1].BestRegion != "west" {
		t.Errorf("best regions %q %q", so.Points[0].BestRegion, so.Points[1].BestRegion)
	}
	cells := map[string]profile.RegionCell{}
	for _, c := range so.Regions {
		cells[string(rune('0'+c.Segment))+c.Region] = c
	}
	near(t, "2west satisfaction", cells["2west"].Satisfaction, 4.5)
	near(t, "2west outage ratio", cells["2west"].OutageRatio, 10.0/3)
	if c := cells["1west"]; c.Answers != 0 || !math.IsNaN(float64(c.Satisfaction)) || c.Best {
		t.Errorf("1west %+v", c)
	}
	if !cells["2west"].Best || cells["2central"].Best || len(so.Regions) != 4 {
		t.Errorf("region cells %+v", so.Regions)
	}

	// Traits: |d| bill 50/√3000 = 0.913, outages 1.25/√1.9375 = 0.898, satisfaction
	// 1.5/√(17.5/6) = 0.878, arrears 52.5/√10293.75 = 0.517; categories (p − P)/√(P(1 − P)): segment 1 east 0.775, owner 0.5;
	// segment 2 renter 0.5 and west 0.5 (tie, broken by column name).
	if got, want := r.Segments[0].DescriptionEN, "low bill, few outages, high satisfaction, mostly in the east, low arrears, mostly owners"; got != want {
		t.Errorf("description 1 %q, want %q", got, want)
	}
	if got, want := r.Segments[1].DescriptionZH, "电费较高，停电多，满意度较低，欠费较高，多为租房，多在西部"; got != want {
		t.Errorf("description 2 %q, want %q", got, want)
	}
	near(t, "trait score", r.Segments[0].Traits[3].Score, 0.375/math.Sqrt(0.375*0.625))

	// Opportunities: arrears share 0.5 against 0.25 is flagged; satisfaction 1.5 below.
	op := r.Opportunities[1]
	if len(op.Indicators) != 2 || op.Indicators[0].Key != "arrears_share" || !op.Indicators[0].Flag ||
		!op.Indicators[1].Flag || op.Flags != 2 || r.Opportunities[0].Flags != 0 {
		t.Errorf("opportunities %+v", r.Opportunities)
	}
	near(t, "arrears ratio", op.Indicators[0].Ratio, 2)
	near(t, "satisfaction gap", op.Indicators[1].Segment, -1.5)
}

func TestReferenceFilterAndThresholds(t *testing.T) {
	// Renters: outages (0 + 3 + 2 + 3)/4 = 2, satisfaction (5 + 6 + 4)/3 = 5. Segment 2
	// (x 3, y 5) is then many outages and satisfied: a tie on the line counts as satisfied.
	r := handResult(t, profile.Options{Reference: &profile.Filter{Column: "housing", Value: "renter"}, MinAnswers: 1})
	so := r.SatisfactionOutage
	near(t, "ref x", so.Reference.OutageRatio, 2)
	near(t, "ref y", so.Reference.Satisfaction, 5)
	if so.Reference.Filter != "housing = renter" || so.Points[1].Quadrant != profile.ManyOutagesSatisfied {
		t.Errorf("reference %+v points %+v", so.Reference, so.Points)
	}
	// With one answer enough, central (6) beats west (4.5) for segment 2.
	if so.Points[1].BestRegion != "central" {
		t.Errorf("best region %q", so.Points[1].BestRegion)
	}
	// Default limits: three answers are too few, so the satisfaction gap is not flagged.
	r = handResult(t, profile.Options{})
	if !r.Survey[0].TooFew || !strings.Contains(r.Survey[0].Reason, "only 3 answers") || r.Opportunities[1].Indicators[1].Flag {
		t.Errorf("survey %+v opportunities %+v", r.Survey[0], r.Opportunities[1])
	}
	r = handResult(t, profile.Options{MinAnswers: 2})
	if !r.Survey[0].TooFew || !strings.Contains(r.Survey[0].Reason, "half-width 2.48") {
		t.Errorf("survey %+v", r.Survey[0])
	}
	if len(r.Segments[0].Traits) != 4 {
		t.Errorf("default MaxTraits: %d traits", len(r.Segments[0].Traits))
	}

	db := openDB(t)
	execSQL(t, db, handTable, handAssignments)
	_, err := Compute(context.Background(), db, profile.Options{Reference: &profile.Filter{Column: "housing", Value: "none"}})
	if err == nil || !strings.Contains(err.Error(), "housing = none") {
		t.Errorf("empty reference: %v", err)
	}
	_, err = Compute(context.Background(), db, profile.Options{Reference: &profile.Filter{Column: "nope", Value: "x"}})
	var mc *MissingColumnError
	if !errors.As(err, &mc) || mc.Column != "nope" {
		t.Errorf("unknown reference column: %v", err)
	}
}

func TestColumnsFromTypes(t *testing.T) {
	db := openDB(t)
	execSQL(t, db, handTable, handAssignments,
		`CREATE TABLE typed (a INTEGER, fee_risk_class INTEGER, tickets_12m BIGINT, d DATE, "we""ird" VARCHAR, b BOOLEAN, x DECIMAL(10,2))`)
	cols, err := ColumnsFromTypes(context.Background(), db, "typed")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cols {
		s := c.Name + ":" + string(c.Kind)
		if c.Countable {
			s += "+"
		}
		got = append(got, s)
	}
	want := `a:numeric fee_risk_class:categorical tickets_12m:numeric+ d: we"ird:categorical b:categorical x:numeric`
	if strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}

	// The catalogue overrides types and supplies labels: fee_risk_class (unit "class") is a
	// category, tickets_12m (unit "count") countable, x (unknown to it) keeps its type.
	cols, err = CatalogueColumns(context.Background(), db, "typed")
	if err != nil {
		t.Fatal(err)
	}
	if c := cols[1]; c.Kind != profile.Categorical || c.LabelZH != "电费风险等级" {
		t.Errorf("fee_risk_class %+v", c)
	}
	if c := cols[2]; c.Kind != profile.Numeric || !c.Countable || c.LabelEN != "tickets in 12 months" || c.LabelZH != "年工单数" {
		t.Errorf("tickets_12m %+v", c)
	}
	if c := cols[6]; c.Kind != profile.Numeric || c.LabelEN != "" {
		t.Errorf("x %+v", c)
	}

	// Without Columns the hand table profiles all its columns, labelled from the catalogue.
	r, err := Compute(context.Background(), db, profile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Numeric) != 4 || len(r.Categorical) != 2 || !strings.Contains(r.Segments[1].DescriptionZH, "，年停电次数多，") {
		t.Errorf("numeric %d categorical %d, %q", len(r.Numeric), len(r.Categorical), r.Segments[1].DescriptionZH)
	}
}

func TestQuotedIdentifiers(t *testing.T) {
	// Column and table names from data are quoted; a name holding a quote and SQL must not break out.
	db := openDB(t)
	execSQL(t, db,
		`CREATE TABLE "客户 宽表" ("户号" VARCHAR, "电费""; DROP TABLE x; --" DOUBLE, "区域" VARCHAR)`,
		`INSERT INTO "客户 宽表" VALUES ('1', 10, '东部'), ('2', 20, '西部'), ('3', 30, '西部')`,
		`CREATE TABLE "分群" AS SELECT * FROM (VALUES ('1', 1), ('2', 2), ('3', 2)) t("户号", segment)`)
	r, err := Compute(context.Background(), db, profile.Options{Table: "客户 宽表", Assignments: "分群", ID: "户号"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Numeric) != 1 || r.Numeric[0].Column != `电费"; DROP TABLE x; --` || float64(r.Numeric[0].Segments[1].Mean) != 25 {
		t.Errorf("numeric %+v", r.Numeric)
	}
	if len(r.Categorical) != 1 || r.Categorical[0].Overall[0].Value != "西部" {
		t.Errorf("categorical %+v", r.Categorical)
	}
	if r.SatisfactionOutage != nil || r.Survey != nil {
		t.Errorf("sections without their columns should be empty")
	}
}

// Customers without an assignment are outside the segmented population: left out and counted.
func TestUnassignedCustomersAreLeftOut(t *testing.T) {
	db := openDB(t)
	execSQL(t, db, handTable, `CREATE TABLE assignments AS SELECT * FROM (VALUES ('c1', 1), ('c2', 2), ('c3', 2)) t(customer_id, segment)`)
	r, err := Compute(context.Background(), db, profile.Options{Columns: handColumns})
	if err != nil {
		t.Fatal(err)
	}
	if r.Unassigned != 5 || r.Customers != 3 || len(r.Segments) != 2 || r.Segments[1].Customers != 2 {
		t.Errorf("unassigned %d, customers %d, segments %+v", r.Unassigned, r.Customers, r.Segments)
	}
}

func TestMatchErrors(t *testing.T) {
	cases := []struct {
		name, assignments string
		check             func(*MatchError) bool
		msg               string
	}{
		{"unassigned and unmatched", `SELECT * FROM (VALUES ('c1', 1), ('c2', 2), ('zz', 1)) t(customer_id, segment)`,
			func(e *MatchError) bool { return e.Unassigned == 6 && e.FirstUnassigned == "c3" && e.Unmatched == 1 }, "6 customers have no segment"},
		{"unmatched", `SELECT customer_id, 1 AS segment FROM wide UNION ALL SELECT 'zz', 2 UNION ALL SELECT 'zy', 2`,
			func(e *MatchError) bool { return e.Unmatched == 2 && e.FirstUnmatched == "zy" }, "2 assignments match no customer"},
		{"duplicate", `SELECT customer_id, 1 AS segment FROM wide UNION ALL SELECT 'c1', 2`,
			func(e *MatchError) bool { return e.DuplicateAssigned == 1 }, "assigned more than once"},
		{"invalid", `SELECT customer_id, CASE WHEN customer_id = 'c1' THEN '0' WHEN customer_id = 'c2' THEN 'x' WHEN customer_id = 'c3' THEN '1.5' ELSE '1' END AS segment FROM wide`,
			func(e *MatchError) bool { return e.InvalidSegments == 3 }, "3 segment values are not whole numbers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			execSQL(t, db, handTable, "CREATE TABLE assignments AS "+c.assignments)
			_, err := Compute(context.Background(), db, profile.Options{Columns: handColumns})
			var me *MatchError
			if !errors.As(err, &me) || !c.check(me) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %v (%+v)", err, me)
			}
		})
	}
	db := openDB(t)
	execSQL(t, db, handTable, `CREATE TABLE assignments AS SELECT customer_id AS id, 1 AS segment FROM wide`)
	_, err := Compute(context.Background(), db, profile.Options{})
	var mc *MissingColumnError
	if !errors.As(err, &mc) || mc.Relation != "assignments" || mc.Column != "customer_id" {
		t.Errorf("missing id column: %v", err)
	}
}

// Above Options.ExactQuartiles customers, quartiles come from the customers whose id hashes
// to 0 modulo N, while means stay exact over everyone.
func TestQuartilesOnHashSample(t *testing.T) {
	db := openDB(t)
	execSQL(t, db, handTable, handAssignments)
	r, err := Compute(context.Background(), db, profile.Options{Columns: handColumns, ExactQuartiles: 4})
	if err != nil {
		t.Fatal(err)
	}
	if r.QuartileSampleEvery != 2 { // ⌈8 / 4⌉
		t.Fatalf("sample every %d, want 2", r.QuartileSampleEvery)
	}
	sampled := 0
	for i, seg := range r.Numeric[0].Segments {
		var want sql.NullFloat64
		if err := db.QueryRow(`SELECT quantile_cont(bill, 0.5) FROM wide JOIN assignments USING (customer_id)
			WHERE segment = ? AND hash(customer_id) % 2 = 0`, i+1).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if want.Valid {
			sampled++
			near(t, "sampled median", seg.Median, want.Float64)
		}
	}
	if sampled == 0 {
		t.Fatal("the hash sample is empty; the test proves nothing")
	}
	near(t, "mean over everyone", r.Numeric[0].Segments[1].Mean, (200+220+240+260)/4.0)
	exact := handResult(t, profile.Options{Columns: handColumns})
	if exact.QuartileSampleEvery != 0 {
		t.Errorf("8 customers under the default limit were sampled")
	}
}

// TestRatioScaleAndValueLabels: a column that crosses zero has no meaningful ratio index and
// says so; a categorical column of the wide table names its values in both languages.
func TestRatioScaleAndValueLabels(t *testing.T) {
	db := openDB(t)
	execSQL(t, db, handAssignments, `CREATE TABLE wide AS SELECT * FROM (VALUES
		('c1', 0.10, 'east'), ('c2', -0.20, 'east'), ('c3', 0.05, 'west'), ('c4', 0.0, 'central'),
		('c5', -0.30, 'west'), ('c6', 0.25, 'west'), ('c7', 0.15, 'east'), ('c8', -0.05, 'west')
	) AS t(customer_id, usage_trend, region)`)
	r, err := Compute(context.Background(), db, profile.Options{Columns: []profile.Column{{Name: "customer_id"},
		{Name: "usage_trend", Kind: profile.Numeric}, {Name: "region", Kind: profile.Categorical}}})
	if err != nil {
		t.Fatal(err)
	}
	np := r.Numeric[0]
	near(t, "negative share", np.Overall.NegativeShare, 3.0/8)
	near(t, "positive share", np.Overall.PositiveShare, 4.0/8)
	if np.RatioScale() {
		t.Error("usage_trend crosses zero, yet its ratio index is called meaningful")
	}
	cp := r.Categorical[0]
	if got := cp.ValueLabel("west", "zh"); got != "西部" {
		t.Errorf("west in Chinese: %q", got)
	}
	if got := cp.ValueLabel("north", "zh"); got != "north" {
		t.Errorf("an unknown value in Chinese: %q", got)
	}

	hand := handResult(t, profile.Options{})
	if !hand.Numeric[0].RatioScale() {
		t.Error("bill has no negative values, yet its ratio index is called meaningless")
	}
}
