package queries

import "embed"

//go:embed portrait/*.sql
var portraitFS embed.FS

// Portrait returns the statement queries/portrait/NAME behind the customer portrait, the
// big-customer value score, payment-behaviour segments and business tiers (engine/portrait).
// The statements read the relation wide (and raw_billing, raw_payments for payment timing);
// every threshold is a bound parameter, and no text from the data is spliced into them.
func Portrait(name string) string {
	b, err := portraitFS.ReadFile("portrait/" + name)
	if err != nil {
		panic("queries: " + err.Error()) // the folder is embedded at build time
	}
	return string(b)
}
