// Package prep turns the columns of a wide table (one row per customer) into the numeric
// matrix that k-means fits, and records every fitted parameter in a Fitted value so that a
// saved segment definition can score new data without refitting.
//
// # Pipeline per dimension
//
// A numeric dimension is transformed (none, log1p, or winsorised at two quantiles whose cut
// points are stored), then scaled with the method chosen for the whole set (z-score with the
// population standard deviation, robust median/IQR, min–max, or none), then multiplied by its
// weight:
//
//	x' = (t(v) − centre) / scale · weight
//
// A categorical dimension becomes one indicator column per category seen at fit time (sorted).
// The indicator of the row's category is weight/√2, the others 0. With that level two customers
// in different categories are exactly weight apart (squared distance weight²), the distance
// of two customers one standard unit apart on a numeric dimension with the same weight; so a
// categorical dimension weighs like one numeric dimension however many categories it has.
// Indicators are not scaled.
//
// # Missing values
//
// A numeric value is missing when it is NaN; a categorical value when it is "" or, when
// scoring, a category that was not seen at fit time. Rows with any missing dimension are left
// out of fitting and counted in MissingReport. They are still scored: Score assigns every row
// the centroid nearest over the coordinates it has (see NearestPresent), so every row gets
// exactly one segment.
package prep

import (
	"fmt"
	"math"
	"strconv"
)

// Kind says how a column enters the matrix.
type Kind string

// Kinds of dimension.
const (
	Numeric     Kind = "numeric"
	Categorical Kind = "categorical"
)

// Transform is applied to a numeric column before scaling.
type Transform string

// Transforms of a numeric dimension.
const (
	TransformNone Transform = "none"      // the value as it is
	Log1p         Transform = "log1p"     // ln(1+v); values below −1 are an error
	Winsorize     Transform = "winsorize" // clamp to the fitted quantiles WinsorLow, WinsorHigh
)

// Scaling is the scaling method for all numeric dimensions of a set.
type Scaling string

// Scaling methods. Centre and scale per dimension are:
const (
	ZScore    Scaling = "zscore" // mean, population standard deviation (ddof = 0, as scikit-learn's StandardScaler)
	Robust    Scaling = "robust" // median, interquartile range q75 − q25 (as scikit-learn's RobustScaler)
	MinMax    Scaling = "minmax" // minimum, maximum − minimum
	NoScaling Scaling = "none"   // 0, 1
)

// Table holds the columns of a wide table, all of the same length. Numeric values are NaN
// when missing, text values "".
type Table struct {
	Numeric map[string][]float64
	Text    map[string][]string
}

// Len returns the number of rows. It panics if the columns differ in length, which is a
// mistake of the code that built the table.
func (t Table) Len() int {
	n := -1
	check := func(name string, l int) {
		if n == -1 {
			n = l
		} else if l != n {
			panic(fmt.Sprintf("prep: column %q has %d rows, others %d", name, l, n))
		}
	}
	for name, c := range t.Numeric {
		check(name, len(c))
	}
	for name, c := range t.Text {
		check(name, len(c))
	}
	if n == -1 {
		return 0
	}
	return n
}

// Select returns a table of the given rows of t, in that order.
func (t Table) Select(rows []int) Table {
	out := Table{Numeric: make(map[string][]float64, len(t.Numeric)), Text: make(map[string][]string, len(t.Text))}
	for name, col := range t.Numeric {
		v := make([]float64, len(rows))
		for j, i := range rows {
			v[j] = col[i]
		}
		out.Numeric[name] = v
	}
	for name, col := range t.Text {
		v := make([]string, len(rows))
		for j, i := range rows {
			v[j] = col[i]
		}
		out.Text[name] = v
	}
	return out
}

// DimSpec asks for one dimension of the matrix.
type DimSpec struct {
	Column    string    `yaml:"column" json:"column"`
	Kind      Kind      `yaml:"kind" json:"kind"`
	Transform Transform `yaml:"transform,omitempty" json:"transform,omitempty"` // numeric only; "" means none
	// WinsorLow and WinsorHigh are the quantiles (0 ≤ low < high ≤ 1) at which a winsorised
	// column is clamped, e.g. 0.01 and 0.99.
	WinsorLow  float64 `yaml:"winsor_low,omitempty" json:"winsor_low,omitempty"`
	WinsorHigh float64 `yaml:"winsor_high,omitempty" json:"winsor_high,omitempty"`
	// Weight multiplies the scaled column; 0 means the default 1.
	Weight float64 `yaml:"weight,omitempty" json:"weight,omitempty"`
}

// String returns d in the syntax of seglab's --dims: NAME[:TRANSFORM[:WEIGHT]], with
// winsorize=LOW/HIGH for quantiles other than 0.01/0.99 and the weight only when it is not 1.
func (d DimSpec) String() string {
	t := ""
	switch d.Transform {
	case Log1p:
		t = string(Log1p)
	case Winsorize:
		t = string(Winsorize)
		if d.WinsorLow != 0.01 || d.WinsorHigh != 0.99 {
			t += "=" + strconv.FormatFloat(d.WinsorLow, 'g', -1, 64) + "/" + strconv.FormatFloat(d.WinsorHigh, 'g', -1, 64)
		}
	}
	if d.Weight != 0 && d.Weight != 1 {
		return d.Column + ":" + t + ":" + strconv.FormatFloat(d.Weight, 'g', -1, 64)
	}
	if t != "" {
		return d.Column + ":" + t
	}
	return d.Column
}

// Spec asks for a whole matrix: its dimensions, the scaling and the population to fit on.
type Spec struct {
	Dims    []DimSpec `yaml:"dims" json:"dims"`
	Scaling Scaling   `yaml:"scaling" json:"scaling"`
	Filter  Filter    `yaml:"filter,omitempty" json:"filter,omitempty"`
}

// Dim is one fitted dimension: everything needed to turn a column into matrix columns again.
type Dim struct {
	Column     string    `yaml:"column" json:"column"`
	Kind       Kind      `yaml:"kind" json:"kind"`
	Transform  Transform `yaml:"transform,omitempty" json:"transform,omitempty"`
	WinsorLow  float64   `yaml:"winsor_low,omitempty" json:"winsor_low,omitempty"`
	WinsorHigh float64   `yaml:"winsor_high,omitempty" json:"winsor_high,omitempty"`
	// CutLow and CutHigh are the fitted winsorising cut points (values of the column).
	CutLow  float64 `yaml:"cut_low,omitempty" json:"cut_low,omitempty"`
	CutHigh float64 `yaml:"cut_high,omitempty" json:"cut_high,omitempty"`
	// Centre and Scale are the fitted scaling parameters of a numeric dimension.
	Centre float64 `yaml:"centre" json:"centre"`
	Scale  float64 `yaml:"scale" json:"scale"`
	Weight float64 `yaml:"weight" json:"weight"`
	// Categories are the categories seen at fit time, sorted; one matrix column each.
	Categories []string `yaml:"categories,omitempty" json:"categories,omitempty"`
}

// Width returns the number of matrix columns of d: 1, or one per category.
func (d Dim) Width() int {
	if d.Kind == Categorical {
		return len(d.Categories)
	}
	return 1
}

// Fitted is a fitted preprocessing: apply it to new data with Apply or Score.
type Fitted struct {
	Scaling Scaling `yaml:"scaling" json:"scaling"`
	Dims    []Dim   `yaml:"dims" json:"dims"`
}

// Width returns the number of matrix columns.
func (f Fitted) Width() int {
	w := 0
	for _, d := range f.Dims {
		w += d.Width()
	}
	return w
}

// ColumnLabels names the matrix columns: the column name of a numeric dimension,
// "column=category" for an indicator.
func (f Fitted) ColumnLabels() []string {
	var out []string
	for _, d := range f.Dims {
		if d.Kind == Categorical {
			for _, c := range d.Categories {
				out = append(out, d.Column+"="+c)
			}
		} else {
			out = append(out, d.Column)
		}
	}
	return out
}

// indicatorLevel is the value of the indicator of a row's category: weight/√2, so that two
// different categories are weight apart.
func indicatorLevel(weight float64) float64 {
	return weight / math.Sqrt2
}
