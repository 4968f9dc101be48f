package source

import (
	"os"
	"path/filepath"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
)

// GuardOutputs refuses outputs that would replace an input. inputs are what the command reads
// (files or folders of exports, definitions, matrices); a folder stands for the data files
// data.Load would read from it. An output is refused, as an *inputerr.Error naming it, when it
// is the same file as an input (through any symbolic or hard link), when it is an input
// folder, or when two outputs are the same file. Outputs that do not exist yet are compared
// by their resolved paths. Nothing is created or changed.
func GuardOutputs(inputs []string, outputs ...string) error {
	type file struct {
		name string // as the user named it
		real string // absolute, with symbolic links of its folder resolved
		info os.FileInfo
	}
	resolve := func(name string) file {
		f := file{name: name, real: realPath(name)}
		if info, err := os.Stat(name); err == nil {
			f.info = info
		}
		return f
	}
	same := func(a, b file) bool {
		if a.info != nil && b.info != nil {
			return os.SameFile(a.info, b.info)
		}
		return a.real == b.real
	}
	var ins []file
	for _, in := range inputs {
		if in == "" {
			continue
		}
		f := resolve(in)
		ins = append(ins, f)
		if f.info != nil && f.info.IsDir() {
			files, _ := data.InputFiles(in)
			for _, name := range files {
				ins = append(ins, resolve(name))
			}
		}
	}
	var outs []file
	for _, out := range outputs {
		if out == "" {
			continue
		}
		o := resolve(out)
		for _, in := range ins {
			if same(o, in) {
				what := "an input"
				if in.name != o.name {
					what = "the input " + in.name
				}
				return inputerr.New(out, "this output is %s; seglab never writes over what it reads — choose another output", what)
			}
		}
		for _, prev := range outs {
			if same(o, prev) {
				return inputerr.New(out, "named as two outputs (also as %s); choose two different files", prev.name)
			}
		}
		outs = append(outs, o)
	}
	return nil
}

// realPath is name made absolute with every symbolic link resolved as far as the path exists:
// a file that does not exist yet is named in its folder's real path.
func realPath(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		return filepath.Clean(name)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, base := filepath.Split(abs)
	if dir == abs || base == "" {
		return abs
	}
	return filepath.Join(realPath(filepath.Clean(dir)), base)
}
