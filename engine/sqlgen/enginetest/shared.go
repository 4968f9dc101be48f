package enginetest

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
)

// Shared starts each engine once, on first use, for all the tests of one test binary, and
// stops them in Close (call it from TestMain after m.Run).
type Shared struct {
	pgOnce, chOnce sync.Once
	pg             *Postgres
	ch             *ClickHouse
	pgErr, chErr   error
}

// Postgres returns the shared PostgreSQL server, starting it on first use.
func (s *Shared) Postgres() (*Postgres, error) {
	s.pgOnce.Do(func() { s.pg, s.pgErr = StartPostgres(context.Background()) })
	return s.pg, s.pgErr
}

// ClickHouse returns the shared ClickHouse cluster, starting it on first use.
func (s *Shared) ClickHouse() (*ClickHouse, error) {
	s.chOnce.Do(func() { s.ch, s.chErr = StartClickHouse(context.Background()) })
	return s.ch, s.chErr
}

// Close stops whatever was started.
func (s *Shared) Close() {
	if s.pg != nil {
		s.pg.Stop()
	}
	if s.ch != nil {
		s.ch.Stop()
	}
}

// Require ends the test when an engine could not be had: a skip when its programs are not
// installed, unless the environment variable CI is set, and a failure otherwise.
func Require(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	if errors.Is(err, ErrMissing) && os.Getenv("CI") == "" {
		tb.Skipf("engine not installed (the test fails under CI): %v", err)
	}
	tb.Fatal(err)
}
