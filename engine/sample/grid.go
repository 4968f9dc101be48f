package sample

import (
	"math/rand/v2"
	"slices"
)

// The outage model. Customers of a region are spread over feeders of about customersPerFeeder
// customers each; every feeder has its own outage events in the last 365 days, and an event
// reaches each customer on the feeder with a probability set by the customer's segment, so
// several customers share an outage_id and neighbours have correlated outage histories.

const (
	customersPerFeeder = 300
	eventsPerFeeder    = 10.0 // mean outage events per feeder and year, before regional rates
	faultShare         = 0.65 // share of fault (unplanned) outages among events
)

var (
	// regionEventRate scales how often a region's feeders fail (central lines are weakest).
	regionEventRate = [3]float64{1.0, 1.25, 0.8}
	// regionOutageEffect scales a customer's expected outages by region.
	regionOutageEffect = [3]float64{1.0, 1.15, 0.85}
)

// outageEvent is one outage of one feeder.
type outageEvent struct {
	seq     int   // global number, part of the outage_id
	start   int64 // seconds since 1970-01-01, local time
	minutes int
	planned bool
}

// grid holds every feeder's events, by region.
type grid struct {
	feeders    [3][][]outageEvent
	meanEvents [3]float64 // events per feeder actually drawn, by region
}

// newGrid draws the feeders and their events for n customers from its own random stream, so
// that it does not depend on how customers are split among goroutines.
func newGrid(seed int64, n int, windowStart, refDay int) *grid {
	s1, s2 := streamSeeds(seed, 0)
	r := rand.New(rand.NewPCG(s1, s2))
	perRegion := max(1, (n+3*customersPerFeeder-1)/(3*customersPerFeeder))
	g := &grid{}
	seq := 0
	days := refDay - windowStart + 1
	for reg := range g.feeders {
		g.feeders[reg] = make([][]outageEvent, perRegion)
		for f := range perRegion {
			lambda := logNormal(r, eventsPerFeeder*regionEventRate[reg], 0.5) * 0.8825 // mean-one noise: e^(−σ²/2)
			k := poisson(r, lambda)
			evs := make([]outageEvent, k)
			for e := range evs {
				day := windowStart + r.IntN(days)
				ev := outageEvent{planned: r.Float64() >= faultShare}
				if ev.planned {
					ev.start = int64(day)*86400 + int64(8*3600+1800*r.IntN(4))
					ev.minutes = 240 + 60*r.IntN(7)
				} else {
					ev.start = int64(day)*86400 + int64(r.IntN(86400))
					ev.minutes = int(clamp(logNormal(r, 70, 0.9), 5, 1440))
				}
				evs[e] = ev
			}
			slices.SortFunc(evs, func(a, b outageEvent) int { return int(a.start - b.start) })
			for e := range evs {
				seq++
				evs[e].seq = seq
			}
			g.feeders[reg][f] = evs
			g.meanEvents[reg] += float64(k) / float64(perRegion)
		}
	}
	return g
}

// reach returns the probability that one event of a feeder in region reaches a customer who
// should see mean outages a year on average. It divides by the events actually drawn rather
// than their expectation, so that the average outage count does not wander with the seed.
func (g *grid) reach(region int, mean float64) float64 {
	if g.meanEvents[region] == 0 {
		return 0
	}
	return min(1, mean*regionOutageEffect[region]/g.meanEvents[region])
}
