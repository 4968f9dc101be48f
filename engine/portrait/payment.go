package portrait

import (
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/sweep"
)

// Tables the payment analysis writes.
const (
	PaymentFeaturesTable = "payment_behaviour" // one row per residential customer
	PaymentSegmentsTable = "payment_segments"  // customer_id, segment, segment_name
	PaymentProfileView   = "payment_profile"   // payment_behaviour beside wide, what is profiled
)

// Payment modes: from the raw billing and payments exports, or from the wide table alone.
const (
	PaymentFromExports = "exports"
	PaymentFromWide    = "wide"
)

// PaymentOptions configures portraitdb.Payment. Zero values select the defaults.
type PaymentOptions struct {
	// K is the number of segments; 0 fits k = 2…7 and takes sweep's recommendation (the highest
	// silhouette among the k whose segments all hold 5–50 % of the customers).
	K int
	// EarlyDays is how many days before the due date a bill must be settled to count as paid
	// early (default 7); a bill settled 0 to EarlyDays−1 days before (or on) the due date is on
	// time, after it late.
	EarlyDays int
	// Seed, NInit (default 10) and MaxIter (default 300) are passed to k-means.
	Seed    uint64
	NInit   int
	MaxIter int
	// Progress, if not nil, receives the sweep's progress reports.
	Progress func(sweep.Progress)
}

// PaymentSegment is one payment-behaviour segment, named after its timing and main channel
// family.
type PaymentSegment struct {
	ID        int                       `json:"segment"`
	Name      string                    `json:"name"`
	NameZH    string                    `json:"name_zh"`
	Timing    string                    `json:"timing"`         // early, on_time or late
	Family    string                    `json:"channel_family"` // a Families key, or other
	Customers int                       `json:"customers"`
	Share     profile.Number            `json:"share"`
	Means     map[string]profile.Number `json:"means"` // mean of each feature over the segment
}

// PaymentResult is the payment-behaviour segmentation of the residential customers.
type PaymentResult struct {
	Mode          string           `json:"mode"`           // PaymentFromExports or PaymentFromWide
	ReferenceDate string           `json:"reference_date"` // YYYY-MM-DD, exports mode only
	EarlyDays     int              `json:"early_days"`
	Customers     int              `json:"customers"`    // residential customers segmented
	Fitted        int              `json:"fitted"`       // with every feature known
	Dims          []string         `json:"dims"`         // features clustered on
	DroppedDims   []string         `json:"dropped_dims"` // features left out: constant or unknown for everyone
	K             int              `json:"k"`
	Rule          string           `json:"rule"` // how k was chosen
	Silhouette    profile.Number   `json:"silhouette"`
	Segments      []PaymentSegment `json:"segments"`
	Profile       *profile.Result  `json:"profile"`
}

// PaymentColumns labels the payment features for profiles.
var PaymentColumns = []profile.Column{
	{Name: "bills_timed", Kind: profile.Numeric, LabelEN: "bills timed", LabelZH: "计入时点的账单数", Countable: true},
	{Name: "early_share", Kind: profile.Numeric, LabelEN: "share paid early", LabelZH: "提前缴费占比"},
	{Name: "on_time_share", Kind: profile.Numeric, LabelEN: "share paid on time", LabelZH: "按期缴费占比"},
	{Name: "late_share", Kind: profile.Numeric, LabelEN: "share paid late", LabelZH: "逾期缴费占比"},
	{Name: "mean_days_before_due", Kind: profile.Numeric, LabelEN: "days before due date", LabelZH: "距截止日天数"},
	{Name: "payments", Kind: profile.Numeric, LabelEN: "payments", LabelZH: "缴费笔数", Countable: true},
	{Name: "counter_share", Kind: profile.Numeric, LabelEN: "counter/cash share", LabelZH: "柜台现金占比"},
	{Name: "bank_share", Kind: profile.Numeric, LabelEN: "bank share", LabelZH: "银行占比"},
	{Name: "online_share", Kind: profile.Numeric, LabelEN: "online share", LabelZH: "线上占比"},
	{Name: "self_service_share", Kind: profile.Numeric, LabelEN: "self-service share", LabelZH: "自助占比"},
	{Name: "prepaid_share", Kind: profile.Numeric, LabelEN: "prepaid share", LabelZH: "预付费占比"},
	{Name: "main_channel_family", Kind: profile.Categorical, LabelEN: "main channel family", LabelZH: "主要缴费渠道类别", ValueLabels: familyValueLabels},
}
