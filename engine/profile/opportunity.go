package profile

import (
	"fmt"
	"math"
)

// indicator defines one opportunity figure over the wide table's columns.
type indicator struct {
	key, labelEN, labelZH string
	column                string
	measure               string   // "positive": share above zero; "mean"; "values": share of values
	values                []string // for "values"
}

// indicators are the rates compared against the population, with the wide table's column
// names (queries/EXPORTS.md). An indicator whose column is absent is left out.
var indicators = []indicator{
	{"arrears_share", "share with arrears over 60 days", "欠费超60天占比", "arrears_over_60d", "positive", nil},
	{"late_payment_share", "share paying late", "逾期缴费占比", "late_payment_count", "positive", nil},
	{"tickets_per_customer", "95598 tickets per customer", "户均工单数", "tickets_12m", "mean", nil},
	{"complaints_per_customer", "complaints per customer", "户均投诉数", "complaints_12m", "mean", nil},
	{"high_fee_risk_share", "share at high fee risk (class 3)", "高电费风险(3类)占比", "fee_risk_class", "values", []string{"3"}},
	{"low_credit_share", "share with credit grade D or E", "信用等级D/E占比", "credit_grade", "values", []string{"D", "E"}},
}

// opportunities compares each segment's rates with the population's and flags those at
// least FlagRatio times the population rate, and a mean satisfaction at least FlagGap below
// the population mean (when the segment has enough answers).
func opportunities(r *Result, o Options) {
	for j, seg := range r.Segments {
		op := Opportunities{Segment: seg.ID}
		for _, ind := range indicators {
			segment, population, ok := indicatorValues(r, ind, j)
			if !ok {
				continue
			}
			in := Indicator{Key: ind.key, LabelEN: ind.labelEN, LabelZH: ind.labelZH,
				Segment: Number(segment), Population: Number(population), Ratio: Number(nan)}
			if population > 0 {
				in.Ratio = Number(segment / population)
			}
			if ratio := float64(in.Ratio); ratio >= o.FlagRatio {
				in.Flag = true
				in.ReasonEN = fmt.Sprintf("%s is %.1f× the population (%.3g vs %.3g)", ind.labelEN, ratio, segment, population)
				in.ReasonZH = fmt.Sprintf("%s为总体的%.1f倍（%.3g 对 %.3g）", ind.labelZH, ratio, segment, population)
			}
			op.Indicators = append(op.Indicators, in)
		}
		if sat := r.NumericColumn(o.Satisfaction); sat != nil {
			segMean, popMean := float64(sat.Segments[j].Mean), float64(sat.Overall.Mean)
			in := Indicator{Key: "satisfaction_gap", LabelEN: "satisfaction minus population average",
				LabelZH: "满意度与总体之差", Segment: Number(segMean - popMean), Population: 0, Ratio: Number(nan)}
			enough := r.Survey != nil && !r.Survey[j].TooFew
			if gap := segMean - popMean; enough && gap <= -o.FlagGap {
				in.Flag = true
				in.ReasonEN = fmt.Sprintf("satisfaction %.2f is %.2f points below the population (%.2f)", segMean, -gap, popMean)
				in.ReasonZH = fmt.Sprintf("满意度%.2f，低于总体（%.2f）%.2f分", segMean, popMean, -gap)
			}
			op.Indicators = append(op.Indicators, in)
		}
		op.PaymentChannel = mainChannel(r.CategoricalColumn("main_payment_channel"), j)
		op.ContactChannel = mainChannel(r.CategoricalColumn("main_contact_channel"), j)
		for _, in := range op.Indicators {
			if in.Flag {
				op.Flags++
			}
		}
		r.Opportunities = append(r.Opportunities, op)
	}
}

// indicatorValues returns an indicator's value for segment position j and the population,
// and false when its column was not profiled with the needed kind.
func indicatorValues(r *Result, ind indicator, j int) (segment, population float64, ok bool) {
	switch ind.measure {
	case "positive", "mean":
		np := r.NumericColumn(ind.column)
		if np == nil {
			return 0, 0, false
		}
		if ind.measure == "mean" {
			return float64(np.Segments[j].Mean), float64(np.Overall.Mean), true
		}
		return float64(np.Segments[j].PositiveShare), float64(np.Overall.PositiveShare), true
	default:
		cp := r.CategoricalColumn(ind.column)
		if cp == nil {
			return 0, 0, false
		}
		for i, v := range cp.Overall {
			for _, want := range ind.values {
				if v.Value == want {
					population += float64(v.Share)
					segment += float64(cp.Segments[j].Shares[i].Share)
				}
			}
		}
		if math.IsNaN(segment) {
			return 0, 0, false
		}
		return segment, population, true
	}
}

// mainChannel returns the most frequent value of a channel column in segment position j
// (ties to the value more frequent overall), or nil without the column.
func mainChannel(cp *CategoricalProfile, j int) *Channel {
	if cp == nil {
		return nil
	}
	best := -1
	for i, v := range cp.Segments[j].Shares {
		if v.Count > 0 && (best < 0 || v.Count > cp.Segments[j].Shares[best].Count) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return &Channel{Value: cp.Overall[best].Value, Share: cp.Segments[j].Shares[best].Share,
		PopulationShare: cp.Overall[best].Share}
}
