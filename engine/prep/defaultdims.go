package prep

// DefaultResidential returns the population, dimensions and scaling that seglab starts from
// when the user names none: the residential customers (customer_type = residential in the wide
// table) on thirteen dimensions that describe a household as a utility sees it, z-scored with
// the population standard deviation. Each call returns a fresh value; callers may change it.
//
// The dimensions, and why each is there:
//
//   - annual_kwh, log1p: how much the household uses, the first thing every tariff and
//     programme looks at. Consumption is right-skewed; the logarithm compares households by
//     ratios, so a few very large users do not stretch the axis.
//   - tenure_years, log1p: how long the account has been open — new movers, settled
//     families and long-standing (often elderly) customers are served differently. The
//     logarithm separates the first years, where most of the change happens.
//   - late_payment_count: payment behaviour, the basis of arrears and credit work.
//   - household_size: persons in the home, which drives need and bill sensitivity.
//   - outages_12m, log1p, and tickets_12m, log1p: the service the customer experienced and
//     how often they contacted 95598. Counts are skewed; the logarithm keeps one bad year
//     from dominating.
//   - complaints_12m, weight 0.5: dissatisfaction. Complaints are also counted in tickets, so
//     the dimension weighs half, adding only what sets complainers apart.
//   - peak_share: when the household uses electricity, which decides time-of-use offers.
//   - contract_capacity_kva, log1p: the installed capacity, a proxy for the appliances and
//     the size of the home.
//   - region, categorical, weight 2.5: the supply area (east / central / west). Networks,
//     service halls, climate and campaigns are organised by area, so customers of one area
//     share much that no other column records; the weight lets the area count like the
//     two or three numeric dimensions it stands in for.
//   - heating, categorical, weight 1.5: electric, gas or other heating, which decides winter
//     load and whether electricity competes with gas.
//   - special_group, categorical, weight 1.5: elderly, low-income and disabled customers,
//     to whom the utility has statutory duties (subsidies, care visits, no cut-off).
//   - housing, categorical, weight 0.5: owner or renter. Much of what ownership says is
//     already in tenure and capacity; at half weight it settles the customers between.
//
// Categorical weights follow the convention of package prep: a categorical dimension of
// weight w counts like one numeric dimension of weight w however many categories it has.
// On the built-in sample and on 329,028 generated customers these defaults lead the sweep
// (k = 2..7) to recommend k = 6 and find the six planted residential segments of the worked
// case again (engine/sample's TestDefaultsRediscoverPlantedSegments).
func DefaultResidential() Spec {
	return Spec{
		Scaling: ZScore,
		Filter:  Filter{{Column: "customer_type", Equals: "residential"}},
		Dims: []DimSpec{
			{Column: "annual_kwh", Kind: Numeric, Transform: Log1p, Weight: 1},
			{Column: "tenure_years", Kind: Numeric, Transform: Log1p, Weight: 1},
			{Column: "late_payment_count", Kind: Numeric, Transform: TransformNone, Weight: 1},
			{Column: "household_size", Kind: Numeric, Transform: TransformNone, Weight: 1},
			{Column: "outages_12m", Kind: Numeric, Transform: Log1p, Weight: 1},
			{Column: "tickets_12m", Kind: Numeric, Transform: Log1p, Weight: 1},
			{Column: "complaints_12m", Kind: Numeric, Transform: TransformNone, Weight: 0.5},
			{Column: "peak_share", Kind: Numeric, Transform: TransformNone, Weight: 1},
			{Column: "contract_capacity_kva", Kind: Numeric, Transform: Log1p, Weight: 1},
			{Column: "region", Kind: Categorical, Weight: 2.5},
			{Column: "heating", Kind: Categorical, Weight: 1.5},
			{Column: "special_group", Kind: Categorical, Weight: 1.5},
			{Column: "housing", Kind: Categorical, Weight: 0.5},
		},
	}
}
