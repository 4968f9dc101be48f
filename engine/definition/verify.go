package definition

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
)

// SourcePaths returns the files of d's sources resolved against defPath's folder, for
// reopening the data a definition was fitted on. Sources saved without a path (they lay
// outside the definition's folder) make it an error: the user names that data with --input.
// Symbolic links are resolved: a source whose real path lies outside the real folder of the
// definition (through a link such as lnk -> /elsewhere) is refused, as is one that does not
// exist.
func SourcePaths(defPath string, d *Definition) ([]string, error) {
	if len(d.Sources) == 0 {
		return nil, inputerr.New(defPath, "the definition records no data sources; name the data with --input")
	}
	var out []string
	for _, s := range d.Sources {
		if s.Path == "" {
			return nil, inputerr.New(defPath, "source %s lies outside the definition's folder; name the data with --input", s.File)
		}
		if err := CheckSourcePath(s.Path); err != nil {
			return nil, inputerr.New(defPath, "%v", err)
		}
		file := filepath.Join(filepath.Dir(defPath), filepath.FromSlash(s.Path))
		if err := insideFolder(defPath, file); err != nil {
			return nil, inputerr.New(defPath, "source %s: %v", s.Path, err)
		}
		out = append(out, file)
	}
	return out, nil
}

// insideFolder checks that file, with every symbolic link resolved, lies in or under the real
// folder of defPath.
func insideFolder(defPath, file string) error {
	dir, err := filepath.EvalSymlinks(filepath.Dir(defPath))
	if err == nil {
		dir, err = filepath.Abs(dir)
	}
	if err != nil {
		return fmt.Errorf("cannot resolve the definition's folder: %v", err)
	}
	real, err := filepath.EvalSymlinks(file)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return fmt.Errorf("cannot open it (%v); name the data with --input", notExist(err))
	}
	rel, err := filepath.Rel(dir, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Errorf("it leads out of the definition's folder (to %s) through a symbolic link; name the data with --input", real)
	}
	return nil
}

// notExist words a missing file plainly.
func notExist(err error) any {
	if os.IsNotExist(err) {
		return "no such file or folder"
	}
	return err
}

// SourceCheck compares one source of a definition with the data now.
type SourceCheck struct {
	File    string `json:"file"`
	Status  string `json:"status"` // unchanged, changed, missing (not given now) or new (not in the definition)
	RowsWas int64  `json:"rows_was"`
	RowsNow int64  `json:"rows_now"`
	HashWas string `json:"sha256_was,omitempty"`
	HashNow string `json:"sha256_now,omitempty"`
}

// Spec returns the preprocessing request d was fitted with: the dimensions with their
// transforms, winsorising quantiles and weights, the scaling and the population.
func (d *Definition) Spec() prep.Spec {
	s := prep.Spec{Scaling: d.Preprocessing.Scaling, Filter: d.Population}
	for _, dim := range d.Preprocessing.Dims {
		s.Dims = append(s.Dims, prep.DimSpec{Column: dim.Column, Kind: dim.Kind, Transform: dim.Transform,
			WinsorLow: dim.WinsorLow, WinsorHigh: dim.WinsorHigh, Weight: dim.Weight})
	}
	return s
}

// Drift compares a stored definition with a refit on the data now.
type Drift struct {
	Refit *Definition `json:"-"`
	// Matched[j] is the stored segment matched to the refit's segment j+1.
	Matched []int `json:"matched"`
	// Changed is the share of the population whose segment differs between the stored
	// definition and the refit, after matching the refit's segments to the stored ones;
	// ARI the adjusted Rand index of the two labellings (1 = the same partition).
	Changed   float64 `json:"changed"`
	ARI       float64 `json:"ari"`
	Customers int     `json:"customers"`
}
