// Command regen regenerates the committed sample exports of package sampledata with
// sampledata.Options. Run it from the sample-data folder (go generate does), or pass the
// target folder as the only argument.
//
// It imports sampledata, which embeds the files it rewrites: the files must exist (any
// content) for it to build.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/seglab/seglab/engine/sample"
	sampledata "github.com/seglab/seglab/sample-data"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	sum, err := sample.Write(context.Background(), dir, sampledata.Options())
	if err != nil {
		fmt.Fprintln(os.Stderr, "regen:", err)
		os.Exit(1)
	}
	var total int64
	for _, f := range sum.Files {
		fmt.Printf("%-22s %8d rows %10d bytes\n", f.Name, f.Rows, f.Bytes)
		total += f.Bytes
	}
	fmt.Printf("%d customers, %d bytes in all\n", sum.Customers, total)
}
