package enginetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Postgres is a PostgreSQL server of its own: a fresh cluster in a temporary folder,
// listening only on a Unix socket in that folder (no TCP), with fsync off. Stop removes it.
type Postgres struct {
	dir, bin string
	asUser   []string // runuser prefix when running as root, which PostgreSQL refuses
}

// pgBin finds the folder of initdb and pg_ctl: on PATH, or Debian's
// /usr/lib/postgresql/VERSION/bin (the newest).
func pgBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL's initdb and pg_ctl: %w", ErrMissing)
}

// StartPostgres creates and starts a PostgreSQL server. As root it runs the server as the
// user postgres (through runuser), owner of the temporary folder.
func StartPostgres(ctx context.Context) (*Postgres, error) {
	bin, err := pgBin()
	if err != nil {
		return nil, err
	}
	if err := need("psql"); err != nil {
		return nil, err
	}
	dir, err := tempDir("seglab-pg-")
	if err != nil {
		return nil, err
	}
	p := &Postgres{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, PostgreSQL needs the user postgres: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		p.asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	data := filepath.Join(dir, "data")
	if _, err := p.server(ctx, "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := "-k " + dir + " -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" +
		" -c shared_buffers=256MB -c work_mem=64MB -c max_wal_size=4GB"
	if _, err := p.server(ctx, "pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%v\n%s", err, log)
	}
	return p, nil
}

// server runs one of PostgreSQL's server programs, as the user postgres when needed.
func (p *Postgres) server(ctx context.Context, prog string, args ...string) (string, error) {
	argv := append(append(append([]string{}, p.asUser...), filepath.Join(p.bin, prog)), args...)
	return run(ctx, "", nil, argv[0], argv[1:]...)
}

// Stop stops the server and removes its folder.
func (p *Postgres) Stop() error {
	_, err := p.server(context.Background(), "pg_ctl", "-D", filepath.Join(p.dir, "data"), "-m", "immediate", "-w", "stop")
	if rerr := os.RemoveAll(p.dir); err == nil {
		err = rerr
	}
	return err
}

func (p *Postgres) psql(ctx context.Context, stdin string, args ...string) (string, error) {
	argv := append([]string{"-h", p.dir, "-U", "postgres", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1"}, args...)
	return run(ctx, stdin, []string{"PGOPTIONS=-c client_min_messages=warning"}, "psql", argv...)
}

// Exec runs SQL statements (separated by semicolons).
func (p *Postgres) Exec(ctx context.Context, stmts string) error {
	_, err := p.psql(ctx, stmts)
	return err
}

// Query runs one SELECT (without a trailing semicolon) and returns its rows as text, NULL
// as Null.
func (p *Postgres) Query(ctx context.Context, query string) ([][]string, error) {
	out, err := p.psql(ctx, "COPY ("+query+") TO STDOUT WITH (FORMAT csv, NULL '\\N')")
	if err != nil {
		return nil, err
	}
	return parseCSV(out)
}

// Load creates the table name with the columns of the DuckDB relation from and copies its
// rows in (through a CSV file and psql's \copy), then analyses it.
func (p *Postgres) Load(ctx context.Context, db *sql.DB, from, name string) error {
	cols, err := Columns(ctx, db, from)
	if err != nil {
		return err
	}
	var defs []string
	for _, c := range cols {
		t, ok := map[string]string{"VARCHAR": "TEXT", "DOUBLE": "DOUBLE PRECISION", "BIGINT": "BIGINT",
			"INTEGER": "INTEGER", "DATE": "DATE", "TIMESTAMP": "TIMESTAMP", "BOOLEAN": "BOOLEAN"}[c.Type]
		if !ok {
			return fmt.Errorf("enginetest: column %q: type %s has no PostgreSQL twin here", c.Name, c.Type)
		}
		defs = append(defs, quote(c.Name)+" "+t)
	}
	path := filepath.Join(p.dir, name+".csv")
	defer os.Remove(path)
	if err := exportCSV(ctx, db, from, "", "", `\N`, path); err != nil {
		return err
	}
	return p.Exec(ctx, fmt.Sprintf("DROP TABLE IF EXISTS %[1]s;\nCREATE TABLE %[1]s (%[2]s);\n\\copy %[1]s FROM '%[3]s' WITH (FORMAT csv, HEADER, NULL '\\N')\nANALYZE %[1]s;\n",
		quote(name), strings.Join(defs, ", "), path))
}
