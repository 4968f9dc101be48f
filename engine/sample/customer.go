package sample

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// The files a chunk of customers writes to, in Exports order, then the truth file.
const (
	fCustomers = iota
	fBilling
	fPayments
	fOutages
	fTickets
	fSurvey
	fTruth
	numFiles
)

// chunk holds the CSV rows of a run of consecutive customers.
type chunk struct {
	lo, hi      int // customer indices [lo, hi)
	buf         [numFiles][]byte
	rows        [numFiles]int
	residential int
	business    int
	err         error
}

func (c *chunk) reset(lo, hi int) {
	c.lo, c.hi = lo, hi
	for f := range c.buf {
		c.buf[f] = c.buf[f][:0]
		c.rows[f] = 0
	}
	c.residential, c.business, c.err = 0, 0, nil
}

// generator draws customers. It is not safe for concurrent use; each goroutine has its own.
type generator struct {
	p   *plan
	pcg *rand.PCG
	r   *rand.Rand
	id  []byte
	tk  []ticket
}

type ticket struct {
	at      int64
	kind    int
	contact int
}

func newGenerator(p *plan) *generator {
	pcg := rand.NewPCG(0, 0)
	return &generator{p: p, pcg: pcg, r: rand.New(pcg)}
}

var (
	regionKWh          = [3]float64{1.10, 1.00, 0.90}
	regionSatisfaction = [3]float64{0.10, 0.15, -0.25}
)

// customer appends all rows of customer i to c. Customer i's random stream depends only on
// the seed and i, so the rows do not depend on which goroutine draws them.
func (g *generator) customer(i int, c *chunk) {
	p, r := g.p, g.r
	g.pcg.Seed(streamSeeds(p.seed, uint64(i)+1))

	isBusiness := r.Float64() < businessShare
	var pr *profile
	if isBusiness {
		pr = business[businessDist.pick(r)]
		c.business++
	} else {
		pr = residential[residentialDist.pick(r)]
		c.residential++
	}
	id := appendCustomerID(g.id[:0], i)
	g.id = id
	region := pr.region.pick(r)

	tenureMedian, tenureSigma := pr.tenureYears, pr.tenureSigma
	if isBusiness {
		tenureMedian, tenureSigma = 8, 0.7
	}
	tenureDays := int(clamp(logNormal(r, tenureMedian, tenureSigma)*365.25, 20, 40*365))
	open := p.refDay - tenureDays

	// customers.csv
	var (
		voltage, industry string
		capacity          float64
		heating           = otherHeating
		heatingKnown      = true
		owner             bool
		special           int
		household         int
		utilisation       float64
	)
	if isBusiness {
		vc := pr.voltages[pr.voltageDist.pick(r)]
		voltage = vc.name
		capacity = standardSize(businessKVA, logNormal(r, vc.medianKVA, 0.45))
		if pr.class == "大工业" {
			capacity = max(capacity, 315)
		}
		industry = pr.industries[pr.industryDist.pick(r)]
		if r.Float64() < 0.1 {
			heating = electric
		}
		utilisation = clamp(logNormal(r, pr.utilisation, 0.4), 0.02, 0.85)
	} else {
		owner = r.Float64() < pr.owner
		heating = pr.heating.pick(r)
		heatingKnown = r.Float64() >= 0.02
		special = pr.special.pick(r)
		household = pr.household.pick(r) + 1
		if r.Float64() < 0.03 {
			household = 0 // not recorded
		}
		kva := logNormal(r, pr.capacityKVA, 0.3)
		if heating == electric {
			kva *= 1.5
		}
		capacity = standardSize(residentialKV, kva)
		voltage = "220V"
		if capacity >= 16 {
			voltage = "380V"
		}
	}
	b := c.buf[fCustomers]
	b = append(b, id...)
	b = append(b, ',')
	b = append(b, pr.class...)
	b = append(b, ',')
	b = append(b, regionNames[region]...)
	b = append(b, ',')
	b = append(b, industry...)
	b = append(b, ',')
	b = append(b, voltage...)
	b = append(b, ',')
	b = strconv.AppendFloat(b, capacity, 'f', -1, 64)
	b = append(b, ',')
	b = appendDate(b, open)
	b = append(b, ',')
	if !isBusiness {
		if owner {
			b = append(b, housingNames[0]...)
		} else {
			b = append(b, housingNames[1]...)
		}
	}
	b = append(b, ',')
	if heatingKnown {
		b = append(b, heatingNames[heating]...)
	}
	b = append(b, ',')
	b = append(b, specialNames[special]...)
	b = append(b, ',')
	if household > 0 {
		b = strconv.AppendInt(b, int64(household), 10)
	}
	b = append(b, '\n')
	c.buf[fCustomers] = b
	c.rows[fCustomers]++

	g.bills(c, pr, id, open, region, heating, isBusiness, capacity, utilisation)
	outages := g.outages(c, pr, id, open, region)
	complaints := g.tickets(c, pr, id, i, open)

	if r.Float64() < pr.surveyProb {
		from := max(p.windowStart, open)
		day := from + r.IntN(p.refDay-from+1)
		mu := pr.satisfaction + regionSatisfaction[region]
		if pr.name == FinanciallyStressed && region == central {
			mu += 0.8 // the region whose practice is worth copying
		}
		mu -= 0.12*(float64(outages)-pr.outageMean) + 0.3*float64(complaints)
		score := int(clamp(math.Round(mu+1.3*r.NormFloat64()), 0, 10))
		b = c.buf[fSurvey]
		b = append(b, id...)
		b = append(b, ',')
		b = appendDate(b, day)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(score), 10)
		b = append(b, '\n')
		c.buf[fSurvey] = b
		c.rows[fSurvey]++
	}

	b = c.buf[fTruth]
	b = append(b, id...)
	b = append(b, ',')
	b = append(b, pr.name...)
	b = append(b, '\n')
	c.buf[fTruth] = b
	c.rows[fTruth]++
}

// bills appends the customer's bills of the last 12 months (from the month the account was
// opened, if later) and their payments.
func (g *generator) bills(c *chunk, pr *profile, id []byte, open, region, heating int, isBusiness bool, capacity, utilisation float64) {
	p, r := g.p, g.r
	oy, om, _ := civil(open)
	first := max(p.first, monthOf(oy, om))

	var baseKWh float64
	if isBusiness {
		baseKWh = capacity * utilisation * 730
	} else {
		baseKWh = logNormal(r, pr.kwhMedian*regionKWh[region], pr.kwhSigma)
	}
	peakShare := clamp(pr.peakShare+0.06*r.NormFloat64(), 0.1, 0.8)
	vacancy := 0.0
	if !isBusiness && !(r.Float64() < 0.8) {
		vacancy = 0.05 // some homes stand empty in some months
	}

	stopFrom := p.asOf + 1
	if r.Float64() < pr.arrearsProb {
		stopFrom = p.first + month(r.IntN(12))
	}
	offsetMean := pr.payOffset + 0.5*pr.payOffsetSD*r.NormFloat64()
	lateProb := clamp(pr.lateProb*logNormal(r, 1, 0.5), 0, 0.95)
	primary, secondary := pr.channel.pick(r), pr.channel.pick(r)
	dueDay := 25
	if isBusiness {
		dueDay = 15
	}

	for mo := first; mo <= p.asOf; mo++ {
		kwh := baseKWh * season(mo.month(), heating, pr.class) * math.Exp(0.12*r.NormFloat64())
		if mo == first && open > mo.day(1) {
			kwh *= float64(mo.lastDay()-open+1) / float64(mo.lastDay()-mo.day(1)+1)
		}
		if r.Float64() < vacancy {
			kwh = 0
		}
		kwh = math.Round(kwh)
		peak := math.Round(kwh * clamp(peakShare+0.03*r.NormFloat64(), 0.05, 0.9))
		amount := tariff(pr, kwh, capacity)
		due := (mo + 1).day(dueDay)

		b := c.buf[fBilling]
		b = append(b, id...)
		b = append(b, ',')
		b = appendMonth(b, mo)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(kwh), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(peak), 10)
		b = append(b, ',')
		b = appendYuan(b, amount)
		b = append(b, ',')
		b = appendDate(b, due)
		b = append(b, '\n')
		c.buf[fBilling] = b
		c.rows[fBilling]++

		if amount <= 0 || (mo >= stopFrom && r.Float64() < 0.9) || r.Float64() < pr.missProb {
			continue // unpaid: in arrears
		}
		var offset float64
		if r.Float64() < lateProb {
			offset = 1 + r.ExpFloat64()*pr.lateDays
		} else {
			offset = offsetMean + 0.5*pr.payOffsetSD*r.NormFloat64()
		}
		paid := due + int(math.Round(offset))
		if issue := (mo + 1).day(1); paid < issue {
			paid = issue + r.IntN(3)
		}
		ch := primary
		if r.Float64() >= 0.85 {
			ch = secondary
		}
		if r.Float64() < pr.partialProb {
			part := math.Round(amount*(0.4+0.5*r.Float64())*100) / 100
			g.payment(c, id, mo, paid, part, ch)
			if r.Float64() < 0.7 {
				g.payment(c, id, mo, paid+15+r.IntN(31), math.Round((amount-part)*100)/100, ch)
			}
			continue
		}
		g.payment(c, id, mo, paid, amount, ch)
	}
}

// payment appends a payment row unless it falls after the export date.
func (g *generator) payment(c *chunk, id []byte, mo month, paid int, amount float64, ch int) {
	if paid > g.p.exportDay {
		return
	}
	b := c.buf[fPayments]
	b = append(b, id...)
	b = append(b, ',')
	b = appendMonth(b, mo)
	b = append(b, ',')
	b = appendDate(b, paid)
	b = append(b, ',')
	b = appendYuan(b, amount)
	b = append(b, ',')
	b = append(b, channelNames[ch]...)
	b = append(b, '\n')
	c.buf[fPayments] = b
	c.rows[fPayments]++
}

// outages appends the outage rows of the customer's feeder that reached the customer after
// the account was opened, plus a 故障报修 ticket for some of them, and returns their count.
func (g *generator) outages(c *chunk, pr *profile, id []byte, open, region int) int {
	r := g.r
	feeders := g.p.grid.feeders[region]
	events := feeders[r.IntN(len(feeders))]
	prob := g.p.grid.reach(region, pr.outageMean)
	g.tk = g.tk[:0]
	n := 0
	for _, ev := range events {
		if ev.start < int64(open)*86400 || !(r.Float64() < prob) {
			continue
		}
		n++
		b := c.buf[fOutages]
		b = append(b, "TD"...)
		b = appendCompactDate(b, int(ev.start/86400))
		b = appendPadded(b, ev.seq, 7)
		b = append(b, ',')
		b = append(b, id...)
		b = append(b, ',')
		b = appendTime(b, ev.start)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ev.minutes), 10)
		b = append(b, ',')
		if ev.planned {
			b = append(b, outageTypes[0]...)
		} else {
			b = append(b, outageTypes[1]...)
		}
		b = append(b, '\n')
		c.buf[fOutages] = b
		c.rows[fOutages]++
		if !ev.planned && r.Float64() < pr.reportProb {
			at := ev.start + 120 + int64(r.IntN(5400))
			if at < g.p.refEnd() {
				g.tk = append(g.tk, ticket{at: at, kind: faultReport, contact: pr.contact.pick(r)})
			}
		}
	}
	return n
}

// tickets draws the customer's other 95598 tickets, appends them together with the fault
// reports gathered by outages in time order, and returns the number of complaints.
func (g *generator) tickets(c *chunk, pr *profile, id []byte, i, open int) int {
	p, r := g.p, g.r
	from := max(p.windowStart, open)
	active := float64(p.refDay-from+1) / 365
	k := poisson(r, pr.ticketRate*logNormal(r, 1, 0.6)*active)
	for range k {
		t := ticket{kind: pr.ticketType.pick(r), contact: pr.contact.pick(r)}
		day := int64(from + r.IntN(p.refDay-from+1))
		if contactNames[t.contact] == "营业厅" {
			t.at = day*86400 + 8*3600 + 1800 + int64(r.IntN(9*3600))
		} else {
			t.at = day*86400 + int64(r.IntN(86400))
		}
		g.tk = append(g.tk, t)
	}
	slices.SortStableFunc(g.tk, func(a, b ticket) int { return int(a.at - b.at) })
	complaints := 0
	for n, t := range g.tk {
		if t.kind == complaint {
			complaints++
		}
		b := c.buf[fTickets]
		b = append(b, "GD"...)
		b = appendPadded(b, i, 8)
		b = appendPadded(b, n+1, 3)
		b = append(b, ',')
		b = append(b, id...)
		b = append(b, ',')
		b = appendTime(b, t.at)
		b = append(b, ',')
		b = append(b, ticketTypes[t.kind]...)
		b = append(b, ',')
		b = append(b, contactNames[t.contact]...)
		b = append(b, '\n')
		c.buf[fTickets] = b
		c.rows[fTickets]++
	}
	return complaints
}

// season is the month's share of a typical month's kWh: summer cooling for everyone, winter
// heating for electric heating, little winter use for gas heating, irrigation for farms.
func season(m, heating int, class string) float64 {
	switch class {
	case "农业生产":
		return [12]float64{0.6, 0.6, 0.8, 1.0, 1.2, 1.5, 1.6, 1.5, 1.1, 0.9, 0.7, 0.6}[m-1]
	case "大工业":
		return [12]float64{0.95, 0.85, 1.0, 1.0, 1.0, 1.02, 1.05, 1.05, 1.02, 1.0, 1.0, 1.0}[m-1]
	case "一般工商业":
		return [12]float64{1.1, 0.95, 0.9, 0.9, 0.95, 1.1, 1.25, 1.25, 1.05, 0.9, 0.9, 1.05}[m-1]
	}
	summer := [12]float64{0, 0, 0, 0, 0, 0.1, 0.35, 0.35, 0.05, 0, 0, 0}[m-1]
	winter := [12]float64{1, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.5, 1}[m-1]
	heat := [3]float64{0.55, -0.2, 0.15}[heating]
	return 0.88 + summer + winter*heat
}

// tariff returns the bill in yuan: residential customers pay the three-step monthly tariff
// (阶梯电价), business customers a flat energy price plus, for 大工业, a capacity charge.
func tariff(pr *profile, kwh, capacity float64) float64 {
	var yuan float64
	if pr.class == "居民生活" {
		yuan = min(kwh, 200)*0.56 + clamp(kwh-200, 0, 200)*0.61 + max(kwh-400, 0)*0.86
	} else {
		yuan = kwh*pr.tariff + capacity*pr.capacityPrice
	}
	return math.Round(yuan*100) / 100
}

// standardSize returns the smallest standard size at least x, or the largest one.
func standardSize(sizes []float64, x float64) float64 {
	i, _ := slices.BinarySearch(sizes, x)
	return sizes[min(i, len(sizes)-1)]
}

// appendCustomerID appends the 10-digit customer id of customer i: "31" and eight digits that
// scramble i bijectively (37123457 is coprime to 10^8), so ids look like real account numbers.
func appendCustomerID(b []byte, i int) []byte {
	b = append(b, '3', '1')
	return appendPadded(b, (i*37123457+12345678)%100_000_000, 8)
}

// appendPadded appends v in decimal, left-padded with zeros to width digits.
func appendPadded(b []byte, v, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for n := len(s); n < width; n++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// appendYuan appends a non-negative amount with exactly two decimals, like
// strconv.AppendFloat(b, yuan, 'f', 2, 64) for amounts already rounded to cents, but faster.
func appendYuan(b []byte, yuan float64) []byte {
	cents := int64(math.Round(yuan * 100))
	b = strconv.AppendInt(b, cents/100, 10)
	return append2(append(b, '.'), int(cents%100))
}

// appendCompactDate appends day number z as "YYYYMMDD".
func appendCompactDate(b []byte, z int) []byte {
	y, m, d := civil(z)
	return append2(append2(append4(b, y), m), d)
}
