// Package queries holds seglab's SQL, embedded from the .sql files beside this file, and the
// feature catalogue of the customer wide table (features.tsv).
//
// The SQL reads the raw exports as the relations raw_customers, raw_billing, raw_payments,
// raw_outages, raw_tickets and raw_survey, with the canonical columns of EXPORTS.md. Values
// are bound parameters ($name); no text from the data is ever spliced into these statements.
// The variables are read-only: they are set once from the embedded files.
package queries

import _ "embed"

// WideTable creates or replaces the table wide, one row per customer. Its parameters:
// $ref_date (DATE), $ref_month ('YYYY-MM'), $has_payments, $has_outages, $has_tickets
// (BOOLEAN) and the fee-risk and credit rules (see engine/widetable.Rules).
//
//go:embed wide_table.sql
var WideTable string

// CountWide returns the number of rows of the table wide.
//
//go:embed count_wide.sql
var CountWide string

// ReferenceMonth returns one row: the last bill month in raw_billing and its last day, or
// NULLs when billing is empty.
//
//go:embed reference_month.sql
var ReferenceMonth string

// ExistingExports lists the kinds whose raw_<kind> relation exists, one row each.
//
//go:embed existing_exports.sql
var ExistingExports string

// CheckCustomerIDs returns the first empty or repeated customer id (customer_id, rows), or
// no row.
//
//go:embed check_customer_ids.sql
var CheckCustomerIDs string

// CheckVoltages returns the first customer whose voltage is not volts or kilovolts
// (customer_id, voltage), or no row.
//
//go:embed check_voltages.sql
var CheckVoltages string

// Stub creates and drops an empty temporary stand-in view raw_<kind> for a missing optional
// export. Temporary views belong to one connection: run both on the same one.
type Stub struct {
	Create string
	Drop   string
}

// StubExports maps each optional export kind to its stand-in.
var StubExports = map[string]Stub{
	"payments": {stubPayments, dropStubPayments},
	"outages":  {stubOutages, dropStubOutages},
	"tickets":  {stubTickets, dropStubTickets},
	"survey":   {stubSurvey, dropStubSurvey},
}

//go:embed stub_payments.sql
var stubPayments string

//go:embed drop_stub_payments.sql
var dropStubPayments string

//go:embed stub_outages.sql
var stubOutages string

//go:embed drop_stub_outages.sql
var dropStubOutages string

//go:embed stub_tickets.sql
var stubTickets string

//go:embed drop_stub_tickets.sql
var dropStubTickets string

//go:embed stub_survey.sql
var stubSurvey string

//go:embed drop_stub_survey.sql
var dropStubSurvey string
