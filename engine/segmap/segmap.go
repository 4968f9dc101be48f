// Package segmap draws segments on a plane: the first two principal components of the
// scaled dimensions (gonum's stat.PC), with each segment's centre and a sample of customers.
// It is a picture for the workshop, not a measure: the plane shows the share of the variance
// it holds, and segments that overlap there may still be apart in the other directions.
package segmap

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Point is a customer or a segment centre on the plane.
type Point struct {
	X, Y    float64
	Segment int
}

// Centre is a segment's mean on the plane and its size.
type Centre struct {
	Point
	Size int
}

// Map is the plane of the first two principal components.
type Map struct {
	// Explained is the share of the total variance on each axis.
	Explained [2]float64
	// Loadings[a][j] is dimension column j's weight in axis a (unit vectors; the sign makes
	// the largest weight of each axis positive).
	Loadings [2][]float64
	Points   []Point  // the customers of rows, projected
	Centres  []Centre // one per segment with customers, in increasing id
}

// Project fits the principal components on rows of the n × d row-major matrix x (the rows
// to draw, e.g. a stratified sample; nil is every row), projects those rows and the centre
// of every segment (labels[i] for row i, over all n rows) onto the first two.
func Project(x []float64, n, d int, labels []int, rows []int) (*Map, error) {
	if d < 2 {
		return nil, errors.New("segmap: a plane needs at least two dimensions")
	}
	if len(x) != n*d || len(labels) != n {
		return nil, fmt.Errorf("segmap: %d values and %d labels for %d × %d", len(x), len(labels), n, d)
	}
	if rows == nil {
		rows = make([]int, n)
		for i := range rows {
			rows[i] = i
		}
	}
	if len(rows) < 3 {
		return nil, errors.New("segmap: fewer than three rows")
	}
	a := mat.NewDense(len(rows), d, nil)
	for i, r := range rows {
		a.SetRow(i, x[r*d:r*d+d])
	}
	var pc stat.PC
	if !pc.PrincipalComponents(a, nil) {
		return nil, errors.New("segmap: the principal components could not be computed")
	}
	vars := pc.VarsTo(nil)
	total := 0.0
	for _, v := range vars {
		total += v
	}
	if !(total > 0) || len(vars) < 2 {
		return nil, errors.New("segmap: the rows do not vary")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	m := &Map{}
	for ax := range 2 {
		m.Explained[ax] = vars[ax] / total
		col := mat.Col(nil, ax, &vecs)
		big := 0
		for j := range col {
			if math.Abs(col[j]) > math.Abs(col[big]) {
				big = j
			}
		}
		if col[big] < 0 {
			for j := range col {
				col[j] = -col[j]
			}
		}
		m.Loadings[ax] = col
	}
	// The plane is centred on the mean of the fitting rows.
	mean := make([]float64, d)
	for _, r := range rows {
		for j := range d {
			mean[j] += x[r*d+j]
		}
	}
	for j := range mean {
		mean[j] /= float64(len(rows))
	}
	project := func(v []float64) (float64, float64) {
		var px, py float64
		for j := range d {
			c := v[j] - mean[j]
			px += c * m.Loadings[0][j]
			py += c * m.Loadings[1][j]
		}
		return px, py
	}
	for _, r := range rows {
		px, py := project(x[r*d : r*d+d])
		m.Points = append(m.Points, Point{X: px, Y: py, Segment: labels[r]})
	}
	sums := map[int][]float64{}
	sizes := map[int]int{}
	maxID := 0
	for i, l := range labels {
		if sums[l] == nil {
			sums[l] = make([]float64, d)
		}
		for j := range d {
			sums[l][j] += x[i*d+j]
		}
		sizes[l]++
		maxID = max(maxID, l)
	}
	for id := 0; id <= maxID; id++ {
		s, ok := sums[id]
		if !ok {
			continue
		}
		c := make([]float64, d)
		for j := range d {
			c[j] = s[j] / float64(sizes[id])
		}
		px, py := project(c)
		m.Centres = append(m.Centres, Centre{Point: Point{X: px, Y: py, Segment: id}, Size: sizes[id]})
	}
	return m, nil
}
