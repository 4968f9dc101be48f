package enginetest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ClickHouse is a cluster of two ClickHouse servers of its own, each a shard, listening only
// on 127.0.0.1. Load puts half of a table's rows on each shard and a Distributed table over
// both on the first server; queries go to the first server.
type ClickHouse struct {
	dir   string
	ports [2]int
	procs [2]*exec.Cmd
}

const clickHouseConfig = `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>%[1]s/server.log</log><errorlog>%[1]s/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>%[2]d</tcp_port>
  <path>%[1]s/data/</path>
  <tmp_path>%[1]s/tmp/</tmp_path>
  <user_files_path>%[1]s/files/</user_files_path>
  <format_schema_path>%[1]s/schema/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
  </users>
  <profiles><default></default></profiles>
  <quotas><default></default></quotas>
  <remote_servers>
    <seglab>
      <shard><replica><host>127.0.0.1</host><port>%[3]d</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>%[4]d</port></replica></shard>
    </seglab>
  </remote_servers>
</yandex>
`

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// StartClickHouse starts two ClickHouse servers, the shards of the cluster seglab, and waits
// until both answer.
func StartClickHouse(ctx context.Context) (*ClickHouse, error) {
	if err := need("clickhouse-server", "clickhouse-client"); err != nil {
		return nil, err
	}
	dir, err := tempDir("seglab-ch-")
	if err != nil {
		return nil, err
	}
	c := &ClickHouse{dir: dir}
	for i := range c.ports {
		if c.ports[i], err = freePort(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	for i := range c.ports {
		sd := filepath.Join(dir, "shard"+strconv.Itoa(i+1))
		if err := os.MkdirAll(sd, 0o755); err != nil {
			c.Stop()
			return nil, err
		}
		conf := filepath.Join(sd, "config.xml")
		if err := os.WriteFile(conf, fmt.Appendf(nil, clickHouseConfig, sd, c.ports[i], c.ports[0], c.ports[1]), 0o644); err != nil {
			c.Stop()
			return nil, err
		}
		cmd := exec.Command("clickhouse-server", "--config-file="+conf)
		cmd.Dir = sd
		out, err := os.Create(filepath.Join(sd, "stdout.log"))
		if err != nil {
			c.Stop()
			return nil, err
		}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			out.Close()
			c.Stop()
			return nil, err
		}
		out.Close()
		c.procs[i] = cmd
	}
	deadline := time.Now().Add(60 * time.Second)
	for i := range c.ports {
		for {
			if _, err := c.client(ctx, i, "", "--query", "SELECT 1"); err == nil {
				break
			} else if time.Now().After(deadline) {
				log, _ := os.ReadFile(filepath.Join(dir, "shard"+strconv.Itoa(i+1), "stdout.log"))
				c.Stop()
				return nil, fmt.Errorf("clickhouse-server did not answer within 60 s: %v\n%s", err, log)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return c, nil
}

// Stop stops both servers and removes their folder.
func (c *ClickHouse) Stop() error {
	for _, p := range c.procs {
		if p != nil && p.Process != nil {
			p.Process.Kill()
			p.Wait()
		}
	}
	return os.RemoveAll(c.dir)
}

func (c *ClickHouse) client(ctx context.Context, shard int, stdin string, args ...string) (string, error) {
	argv := append([]string{"--host", "127.0.0.1", "--port", strconv.Itoa(c.ports[shard])}, args...)
	return run(ctx, stdin, nil, "clickhouse-client", argv...)
}

// Exec runs one statement on one shard (0 or 1).
func (c *ClickHouse) Exec(ctx context.Context, shard int, stmt string) error {
	_, err := c.client(ctx, shard, "", "--query", stmt)
	return err
}

// Query runs one SELECT (without a trailing semicolon) on the first server and returns its
// rows as text, NULL as Null.
func (c *ClickHouse) Query(ctx context.Context, query string) ([][]string, error) {
	out, err := c.client(ctx, 0, "", "--query", query+" FORMAT CSV")
	if err != nil {
		return nil, err
	}
	return parseCSV(out)
}

// Load copies the DuckDB relation from into the cluster: a table name_local (MergeTree,
// ordered by the first column notNull names) on each shard holding every other row in the
// order of the relation's first column, and on both servers the table name, Distributed over
// both shards. Columns are Nullable unless notNull names them.
func (c *ClickHouse) Load(ctx context.Context, db *sql.DB, from, name string, notNull ...string) error {
	cols, err := Columns(ctx, db, from)
	if err != nil {
		return err
	}
	var defs []string
	for _, col := range cols {
		t, ok := map[string]string{"VARCHAR": "String", "DOUBLE": "Float64", "BIGINT": "Int64",
			"INTEGER": "Int32", "DATE": "Date", "TIMESTAMP": "DateTime", "BOOLEAN": "UInt8"}[col.Type]
		if !ok {
			return fmt.Errorf("enginetest: column %q: type %s has no ClickHouse twin here", col.Name, col.Type)
		}
		nullable := true
		for _, n := range notNull {
			nullable = nullable && n != col.Name
		}
		if nullable {
			t = "Nullable(" + t + ")"
		}
		defs = append(defs, quote(col.Name)+" "+t)
	}
	local := quote(name + "_local")
	first := quote(cols[0].Name)
	key := "tuple()"
	if len(notNull) > 0 {
		key = quote(notNull[0])
	}
	numbered := "(SELECT *, row_number() OVER (ORDER BY " + first + ") AS seglab_row FROM " + from + ")"
	for shard := range c.ports {
		stmts := []string{
			"DROP TABLE IF EXISTS " + local,
			fmt.Sprintf("CREATE TABLE %s (%s) ENGINE = MergeTree() ORDER BY %s", local, strings.Join(defs, ", "), key),
		}
		for _, s := range stmts {
			if err := c.Exec(ctx, shard, s); err != nil {
				return err
			}
		}
		path := filepath.Join(c.dir, name+".csv")
		var names []string
		for _, col := range cols {
			names = append(names, quote(col.Name))
		}
		src := "(SELECT " + strings.Join(names, ", ") + " FROM " + numbered + " WHERE seglab_row % 2 = " + strconv.Itoa(shard) + ")"
		if err := exportCSV(ctx, db, src, "", "", `\N`, path); err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		os.Remove(path)
		if err != nil {
			return err
		}
		if _, err := c.client(ctx, shard, string(data), "--query", "INSERT INTO "+local+" FORMAT CSVWithNames"); err != nil {
			return err
		}
	}
	for shard := range c.ports {
		if err := c.Exec(ctx, shard, "DROP TABLE IF EXISTS "+quote(name)); err != nil {
			return err
		}
		if err := c.Exec(ctx, shard, fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = Distributed(seglab, default, %s)", quote(name), local, local)); err != nil {
			return err
		}
	}
	return nil
}
