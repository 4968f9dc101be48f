package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	bindings "github.com/duckdb/duckdb-go-bindings"
	"github.com/duckdb/duckdb-go/v2/mapping"

	"github.com/seglab/seglab/queries"
)

// rawConnection returns the DuckDB C API connection inside a duckdb-go driver connection
// (*duckdb.Conn keeps it in its unexported field conn). The field is found by reflection and
// its type checked, so a driver release that renames or retypes it makes this return false
// (and callers fall back to database/sql) instead of reading the wrong memory. The result is
// valid only while database/sql lends the driver connection, that is inside (*sql.Conn).Raw.
func rawConnection(driverConn any) (mapping.Connection, bool) {
	v := reflect.ValueOf(driverConn)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return mapping.Connection{}, false
	}
	f := v.Elem().FieldByName("conn")
	if !f.IsValid() || f.Type() != reflect.TypeFor[mapping.Connection]() {
		return mapping.Connection{}, false
	}
	mc := *(*mapping.Connection)(unsafe.Pointer(f.UnsafeAddr()))
	return mc, mc.Ptr != nil
}

// readMatrixChunks is ReadMatrix through DuckDB's chunk API: each result vector of up to 2048
// doubles is copied with no call per value. It returns errNoFastPath when it cannot serve the
// call, before running anything.
func readMatrixChunks(ctx context.Context, conn *sql.Conn, query string, args []any) (*Matrix, error) {
	var m *Matrix
	err := conn.Raw(func(driverConn any) error {
		mc, ok := rawConnection(driverConn)
		if !ok {
			return errNoFastPath
		}
		var err error
		m, err = queryMatrix(ctx, mc, query, args)
		return err
	})
	return m, err
}

// queryMatrix runs query on mc and copies its result into a Matrix. Non-DOUBLE numeric columns
// are converted by DuckDB (COLUMNS(*)::DOUBLE) so that every vector holds float64.
func queryMatrix(ctx context.Context, mc mapping.Connection, query string, args []any) (*Matrix, error) {
	query = strings.TrimRight(strings.TrimSpace(query), "; \t\n")
	names, types, err := resultColumns(mc, query)
	if err != nil {
		return nil, err
	}
	allDouble := true
	for j, t := range types {
		switch t {
		case mapping.TypeDouble:
		case mapping.TypeTinyInt, mapping.TypeSmallInt, mapping.TypeInteger, mapping.TypeBigInt, mapping.TypeHugeInt,
			mapping.TypeUTinyInt, mapping.TypeUSmallInt, mapping.TypeUInteger, mapping.TypeUBigInt, mapping.TypeUHugeInt,
			mapping.TypeFloat, mapping.TypeDecimal:
			allDouble = false
		default:
			return nil, notNumeric(names[j], typeName(t))
		}
	}
	if !allDouble {
		query = queries.Template("as_doubles", query)
	}
	var stmt mapping.PreparedStatement
	if mapping.Prepare(mc, query, &stmt) == mapping.StateError {
		msg := mapping.PrepareError(stmt)
		mapping.DestroyPrepare(&stmt)
		return nil, fmt.Errorf("data: reading a matrix: %s", msg)
	}
	defer mapping.DestroyPrepare(&stmt)
	if err := bindArgs(stmt, args); err != nil {
		return nil, err
	}

	stop := interruptOnCancel(ctx, mc)
	defer stop()
	// A streaming result hands chunks over as DuckDB produces them, so the result is never held
	// twice. The mapping package does not re-export this call; its types alias the bindings'.
	var pending mapping.PendingResult
	if bindings.PendingPreparedStreaming(stmt, &pending) == mapping.StateError {
		msg := mapping.PendingError(pending)
		mapping.DestroyPending(&pending)
		return nil, fmt.Errorf("data: reading a matrix: %s", msg)
	}
	defer mapping.DestroyPending(&pending)
	var res mapping.Result
	if mapping.ExecutePending(pending, &res) == mapping.StateError {
		msg := mapping.ResultError(&res)
		mapping.DestroyResult(&res)
		return nil, errors.Join(ctx.Err(), fmt.Errorf("data: reading a matrix: %s", msg))
	}
	defer mapping.DestroyResult(&res)

	d := len(names)
	m := &Matrix{Columns: names}
	for {
		chunk := mapping.FetchChunk(res)
		if chunk.Ptr == nil {
			break
		}
		n := int(mapping.DataChunkGetSize(chunk))
		base := len(m.Data)
		m.Data = append(m.Data, make([]float64, n*d)...)
		dst := m.Data[base:]
		for j := range d {
			vec := mapping.DataChunkGetVector(chunk, mapping.IdxT(j))
			src := unsafe.Slice((*float64)(mapping.VectorGetData(vec)), n)
			for i, x := range src {
				dst[i*d+j] = x
			}
			if mask := mapping.VectorGetValidity(vec); mask != nil {
				words := unsafe.Slice((*uint64)(mask), (n+63)/64)
				for i := range n {
					if words[i/64]&(1<<(i%64)) == 0 {
						dst[i*d+j] = nan
					}
				}
			}
		}
		m.Rows += n
		mapping.DestroyDataChunk(&chunk)
	}
	if msg := mapping.ResultError(&res); msg != "" {
		return nil, errors.Join(ctx.Err(), fmt.Errorf("data: reading a matrix: %s", msg))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// resultColumns prepares query on mc to learn its result column names and types.
func resultColumns(mc mapping.Connection, query string) ([]string, []mapping.Type, error) {
	var stmt mapping.PreparedStatement
	if mapping.Prepare(mc, query, &stmt) == mapping.StateError {
		msg := mapping.PrepareError(stmt)
		mapping.DestroyPrepare(&stmt)
		return nil, nil, fmt.Errorf("data: reading a matrix: %s", msg)
	}
	defer mapping.DestroyPrepare(&stmt)
	n := int(mapping.PreparedStatementColumnCount(stmt))
	names := make([]string, n)
	types := make([]mapping.Type, n)
	for j := range n {
		names[j] = mapping.PreparedStatementColumnName(stmt, mapping.IdxT(j))
		types[j] = mapping.PreparedStatementColumnType(stmt, mapping.IdxT(j))
	}
	return names, types, nil
}

// bindArgs binds args to stmt's parameters; it returns errNoFastPath for a type it cannot bind.
func bindArgs(stmt mapping.PreparedStatement, args []any) error {
	if int(mapping.NParams(stmt)) != len(args) {
		return fmt.Errorf("data: reading a matrix: the query has %d parameters, got %d arguments", mapping.NParams(stmt), len(args))
	}
	for i, a := range args {
		idx := mapping.IdxT(i + 1)
		var state mapping.State
		switch v := a.(type) {
		case nil:
			state = mapping.BindNull(stmt, idx)
		case string:
			state = mapping.BindVarchar(stmt, idx, v)
		case int:
			state = mapping.BindInt64(stmt, idx, int64(v))
		case int64:
			state = mapping.BindInt64(stmt, idx, v)
		case float64:
			state = mapping.BindDouble(stmt, idx, v)
		case bool:
			state = mapping.BindBoolean(stmt, idx, v)
		default:
			return errNoFastPath
		}
		if state == mapping.StateError {
			return fmt.Errorf("data: reading a matrix: cannot bind argument %d (%T)", i+1, a)
		}
	}
	return nil
}

// interruptOnCancel interrupts the query running on mc if ctx is cancelled before the returned
// stop function is called; stop waits until the watcher has finished.
func interruptOnCancel(ctx context.Context, mc mapping.Connection) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case <-ctx.Done():
			mapping.Interrupt(mc)
		case <-done:
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// typeName names a DuckDB type for error messages.
func typeName(t mapping.Type) string {
	switch t {
	case mapping.TypeVarchar:
		return "VARCHAR"
	case mapping.TypeBoolean:
		return "BOOLEAN"
	case mapping.TypeDate:
		return "DATE"
	case mapping.TypeTimestamp, mapping.TypeTimestampS, mapping.TypeTimestampMS, mapping.TypeTimestampNS, mapping.TypeTimestampTZ:
		return "TIMESTAMP"
	case mapping.TypeBlob:
		return "BLOB"
	}
	return fmt.Sprintf("a non-numeric type (DuckDB type id %d)", t)
}
