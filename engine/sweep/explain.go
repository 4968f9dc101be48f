package sweep

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// explainText holds the English and Chinese wording of Explain, by key.
var explainText = map[string][2]string{
	"balanced":   {"Among the k whose smallest segment share is at least %s and largest at most %s (k = %s), ", "在最小分群占比不低于 %s、最大不高于 %s 的 k（k = %s）中，"},
	"unbalanced": {"No k from %d to %d keeps every segment share between %s and %s; among all k, ", "k 从 %d 到 %d 均不能使各分群占比都在 %s 与 %s 之间；在全部 k 中，"},
	"votes":      {"k = %d has %d of %d votes (%s).", "k = %d 获得 %d 票（共 %d 票：%s）。"},
	"tie":        {" Tied with k = %s; ties go to the higher stability, then the higher silhouette.", "与 k = %s 票数相同；同票时取稳定性较高者，其次取轮廓系数较高者。"},
	"structure":  {" Its silhouette %.3f shows %s.", "其轮廓系数为 %.3f，%s。"},
	"sep":        {", ", "，"},

	string(BySilhouette):       {"silhouette", "轮廓系数"},
	string(ByCalinskiHarabasz): {"Calinski–Harabasz", "CH 指数"},
	string(ByDaviesBouldin):    {"Davies–Bouldin", "DB 指数"},
	string(ByStability):        {"stability", "稳定性"},

	string(StructureStrong):     {"a strong structure (above 0.70)", "结构明显（高于 0.70）"},
	string(StructureReasonable): {"a reasonable structure (0.51–0.70)", "结构合理（0.51–0.70）"},
	string(StructureWeak):       {"a weak structure that could be artificial (0.26–0.50): read the segments as tendencies and confirm them with the business", "结构较弱，可能是人为划分（0.26–0.50）：应把分群视为倾向，并与业务人员确认"},
	string(StructureNone):       {"no substantial structure (0.25 or less): the segments cut a continuum; confirm them with the business before relying on them", "无明显结构（不高于 0.25）：分群是对连续分布的切分，使用前须与业务人员确认"},
	string(StructureUnknown):    {"an unknown structure", "结构未知"},
}

// say returns the wording of key in lang ("zh" for Chinese, anything else English).
func say(lang, key string) string {
	if lang == "zh" {
		return explainText[key][1]
	}
	return explainText[key][0]
}

// IndexName is the name of a voting index in lang ("en" or "zh").
func IndexName(i Index, lang string) string { return say(lang, string(i)) }

// VotesFor returns how many indices voted for k.
func (r *Result) VotesFor(k int) int {
	n := 0
	for _, v := range r.Votes {
		if v.K == k {
			n++
		}
	}
	return n
}

// Explain says in lang ("en" or "zh") why r recommends its k: which k were candidates under
// the share rule, how each index voted, how a tie was broken and what the recommended k's
// silhouette says about the structure (Kaufman–Rousseeuw bands). The command line's Rule
// says the same in English.
func (r *Result) Explain(lang string) string {
	if len(r.Ks) == 0 {
		return ""
	}
	var names []string
	for _, k := range r.Ks {
		if k.Qualifies {
			names = append(names, strconv.Itoa(k.K))
		}
	}
	lo, hi := pct(r.MinShare), pct(r.MaxShare)
	if r.MaxShare == 0 {
		lo, hi = pct(DefaultMinShare), pct(DefaultMaxShare)
	}
	var b strings.Builder
	if len(names) > 0 {
		fmt.Fprintf(&b, say(lang, "balanced"), lo, hi, strings.Join(names, ", "))
	} else {
		fmt.Fprintf(&b, say(lang, "unbalanced"), r.Ks[0].K, r.Ks[len(r.Ks)-1].K, lo, hi)
	}
	var votes []string
	for _, v := range r.Votes {
		votes = append(votes, IndexName(v.Index, lang)+" → "+strconv.Itoa(v.K))
	}
	fmt.Fprintf(&b, say(lang, "votes"), r.Recommended, r.VotesFor(r.Recommended), len(r.Votes), strings.Join(votes, say(lang, "sep")))
	var tied []string
	sil := math.NaN()
	for _, k := range r.Ks {
		if k.K == r.Recommended {
			sil = k.Silhouette
		} else if n := r.VotesFor(k.K); n == r.VotesFor(r.Recommended) && n > 0 {
			tied = append(tied, strconv.Itoa(k.K))
		}
	}
	if len(tied) > 0 {
		fmt.Fprintf(&b, say(lang, "tie"), strings.Join(tied, ", "))
	}
	fmt.Fprintf(&b, say(lang, "structure"), sil, say(lang, string(GradeStructure(sil))))
	return b.String()
}
