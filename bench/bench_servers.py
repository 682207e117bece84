#!/usr/bin/env python3
"""Measures dbm against the database's own client applying the same SQL migrations.

The migrations are the corpus (corpus/postgres, corpus/mysql; see corpus/README.md). For each
server, alternating rounds, each on a freshly created database:
  - `dbm -q migration:run` on a project holding the corpus,
  - the raw client applying the up sections of the same files in order:
      PostgreSQL: `psql -X -q -v ON_ERROR_STOP=1 -f <script>` (one statement at a time,
                  autocommitted),
      MySQL:      `mariadb <conn> <db> < script` (trigger and routine bodies wrapped in
                  DELIMITER, the way one feeds them to the client).
The order of the two alternates from round to round; a first warm-up round is not counted.
Prints the median wall time of each, the ratio dbm / client and the target (<= 1.05x).

Usage: bench/bench_servers.py [--rounds 5] [--warmup 1] [--dbm target/release/dbm]
           [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
           [--mysql-url mysql://root@127.0.0.1:3306/test] [--only postgres|mysql]
The URLs are administrator URLs: the script creates and drops databases named
dbm_bench_dbm and dbm_bench_client on those servers.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 1.05


def corpus(dialect):
    folder = os.path.join(ROOT, "corpus", dialect)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".sql"))
    if not names:
        raise SystemExit(f"{folder} is empty: run `python3 corpus/generate.py`")
    files = []
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            files.append((name, f.read()))
    return files


def up_section(name, text):
    """The text between the `-- dbm:up` line and the `-- dbm:down` line."""
    lines = text.split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "-- dbm:up") + 1
    except StopIteration:
        raise SystemExit(f"{name}: no -- dbm:up line")
    end = next((i for i in range(start, len(lines)) if lines[i].strip() == "-- dbm:down"), len(lines))
    return "\n".join(lines[start:end])


COMPOUND = re.compile(r"CREATE\b.*\b(TRIGGER|PROCEDURE|FUNCTION|EVENT)\b", re.I)


def mysql_client_script(name, section):
    """Wraps fenced statements and BEGIN ... END bodies in DELIMITER (corpus/README.md)."""
    out = []
    lines = section.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "-- dbm:statement-begin":
            out.append("DELIMITER //")
            i += 1
            while lines[i].strip() != "-- dbm:statement-end":
                out.append(lines[i])
                i += 1
            out += ["//", "DELIMITER ;"]
        elif COMPOUND.match(line) and ";" not in line:
            out += ["DELIMITER //", line]
            i += 1
            while lines[i] != "END;":
                out.append(lines[i])
                i += 1
            out += ["END//", "DELIMITER ;"]
        else:
            out.append(line)
        i += 1
    return "\n".join(out)


def with_database(url, database):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


def mysql_args(url):
    parts = urllib.parse.urlsplit(url)
    args = ["--protocol=TCP", f"--host={parts.hostname or '127.0.0.1'}",
            f"--port={parts.port or 3306}", f"--user={urllib.parse.unquote(parts.username or 'root')}"]
    env = dict(os.environ)
    if parts.password:
        env["MYSQL_PWD"] = urllib.parse.unquote(parts.password)
    return args, env


def first_program(*names):
    for name in names:
        if shutil.which(name):
            return name
    raise SystemExit(f"none of {names} is installed")


def run_quiet(cmd, cwd=None, stdin=None, env=None):
    with open(stdin) if stdin else open(os.devnull) as inp:
        done = subprocess.run(cmd, cwd=cwd, stdin=inp, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")


def timed(cmd, cwd=None, stdin=None, env=None):
    start = time.perf_counter()
    run_quiet(cmd, cwd=cwd, stdin=stdin, env=env)
    return time.perf_counter() - start


def make_project(work, name, files, driver, url):
    project = os.path.join(work, name)
    migrations = os.path.join(project, "database", "migrations")
    os.makedirs(migrations)
    os.makedirs(os.path.join(project, "config"))
    with open(os.path.join(project, "config", "database.toml"), "w") as f:
        f.write(f'[default]\nconnection = "main"\n[default.connections.main]\n'
                f'driver = "{driver}"\nurl = "{url}"\n')
    for file_name, text in files:
        with open(os.path.join(migrations, file_name), "w", encoding="utf-8") as f:
            f.write(text)
    return project


def bench(label, rounds, warmup, recreate, run_dbm, run_client):
    dbm_times, client_times = [], []
    for round_ in range(warmup + rounds):
        pair = [("dbm", run_dbm, dbm_times), ("client", run_client, client_times)]
        if round_ % 2:
            pair.reverse()
        for which, run, times in pair:
            recreate(which)
            elapsed = run()
            if round_ >= warmup:
                times.append(elapsed)
    dbm_med, client_med = statistics.median(dbm_times), statistics.median(client_times)
    ratio = dbm_med / client_med
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"{label}")
    print(f"  dbm migration:run   median {dbm_med * 1000:8.1f} ms   (runs: {', '.join(f'{t * 1000:.0f}' for t in dbm_times)})")
    print(f"  raw client          median {client_med * 1000:8.1f} ms   (runs: {', '.join(f'{t * 1000:.0f}' for t in client_times)})")
    print(f"  ratio dbm / client  {ratio:.3f}x   (target: <= {TARGET:.2f}x: {verdict})")
    return ratio


def bench_postgres(args, dbm, work):
    files = corpus("postgres")
    psql = first_program("psql")
    db_dbm, db_client = "dbm_bench_dbm", "dbm_bench_client"
    project = make_project(work, "pg", files, "postgres", with_database(args.pg_url, db_dbm))
    script = os.path.join(work, "pg_client.sql")
    with open(script, "w", encoding="utf-8") as f:
        for name, text in files:
            f.write(up_section(name, text) + "\n;\n")

    def recreate(which):
        name = db_dbm if which == "dbm" else db_client
        run_quiet([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", args.pg_url,
                   "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"'])

    ratio = bench(
        f"PostgreSQL: {len(files)} migrations, {args.rounds} alternating rounds (+{args.warmup} warm-up)",
        args.rounds,
        args.warmup,
        recreate,
        lambda: timed([dbm, "-q", "migration:run"], cwd=project),
        # dbm skips TLS on a loopback host (crates/driver-postgres/src/url.rs); psql does
        # the same here, so both pay for the same connection.
        lambda: timed([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script,
                       with_database(args.pg_url, db_client)],
                      env=dict(os.environ, PGSSLMODE=os.environ.get("PGSSLMODE", "disable"))),
    )
    run_quiet([psql, "-X", "-q", args.pg_url, "-c", f'DROP DATABASE IF EXISTS "{db_dbm}"',
               "-c", f'DROP DATABASE IF EXISTS "{db_client}"'])
    return ratio


def bench_mysql(args, dbm, work):
    files = corpus("mysql")
    client = first_program("mariadb", "mysql")
    conn, env = mysql_args(args.mysql_url)
    db_dbm, db_client = "dbm_bench_dbm", "dbm_bench_client"
    project = make_project(work, "mysql", files, "mysql", with_database(args.mysql_url, db_dbm))
    script = os.path.join(work, "mysql_client.sql")
    with open(script, "w", encoding="utf-8") as f:
        for name, text in files:
            f.write(mysql_client_script(name, up_section(name, text)) + "\n;\n")

    def recreate(which):
        name = db_dbm if which == "dbm" else db_client
        run_quiet([client, *conn, "-e", f"DROP DATABASE IF EXISTS `{name}`; CREATE DATABASE `{name}`"],
                  env=env)

    ratio = bench(
        f"MySQL/MariaDB: {len(files)} migrations, {args.rounds} alternating rounds (+{args.warmup} warm-up)",
        args.rounds,
        args.warmup,
        recreate,
        lambda: timed([dbm, "-q", "migration:run"], cwd=project),
        lambda: timed([client, *conn, "--default-character-set=utf8mb4", db_client], stdin=script, env=env),
    )
    run_quiet([client, *conn, "-e", f"DROP DATABASE IF EXISTS `{db_dbm}`; DROP DATABASE IF EXISTS `{db_client}`"],
              env=env)
    return ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first (default 1)")
    parser.add_argument("--dbm", default="target/release/dbm")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--mysql-url", default="mysql://root@127.0.0.1:3306/test")
    parser.add_argument("--only", choices=["postgres", "mysql"])
    args = parser.parse_args()
    dbm = os.path.abspath(args.dbm)
    if not os.path.exists(dbm):
        raise SystemExit(f"{dbm} not found: run `cargo build --release -p dbm-cli` first")

    work = tempfile.mkdtemp(prefix="dbm-bench-servers-")
    try:
        if args.only in (None, "postgres"):
            bench_postgres(args, dbm, work)
        if args.only in (None, "mysql"):
            bench_mysql(args, dbm, work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
