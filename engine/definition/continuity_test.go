package definition

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The Hungarian assignment finds the optimum of an exact search, square and rectangular.
func TestAssignIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + r.IntN(7)
		m := n + r.IntN(3)
		cost := make([][]float64, n)
		for i := range cost {
			cost[i] = make([]float64, m)
			for j := range cost[i] {
				cost[i][j] = math.Round(r.Float64()*20) / 2 // ties happen
			}
		}
		got := assign(cost)
		sum := 0.0
		seen := map[int]bool{}
		for i, j := range got {
			if seen[j] {
				t.Fatalf("trial %d: column %d used twice", trial, j)
			}
			seen[j] = true
			sum += cost[i][j]
		}
		if _, best := bruteAssign(cost); math.Abs(sum-best) > 1e-9 {
			t.Fatalf("trial %d: total %v, optimum %v", trial, sum, best)
		}
	}
}

// bruteAssign is the exact search over all injections of rows into columns, for tests.
func bruteAssign(cost [][]float64) (best []int, total float64) {
	n := len(cost)
	m := len(cost[0])
	total = math.Inf(1)
	cur := make([]int, 0, n)
	used := make([]bool, m)
	var rec func(sum float64)
	rec = func(sum float64) {
		i := len(cur)
		if i == n {
			if sum < total {
				total, best = sum, slices.Clone(cur)
			}
			return
		}
		for j := range m {
			if !used[j] {
				used[j] = true
				cur = append(cur, j)
				rec(sum + cost[i][j])
				cur = cur[:i]
				used[j] = false
			}
		}
	}
	rec(0)
	return best, total
}
