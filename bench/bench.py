#!/usr/bin/env python3
"""Measures dbm against the sqlite3 shell running the same statements.

Generates N migrations (a table and an index each) in a temporary project, then, alternating
rounds:
  - `dbm migration:run` on a fresh database,
  - the `sqlite3` shell applying the same statements with one commit per migration,
  - the `sqlite3` shell applying them plus the row dbm writes into `dbm_schema` in the same
    commit (the bookkeeping any migration tool pays),
  - the same with `PRAGMA journal_mode = TRUNCATE`, the rollback journal mode dbm's own
    connection commits in (see crates/driver-sqlite): the same work done the same way,
then `dbm migration:status` with N applied, and `dbm migration:check` on N TOML migrations
(a table with an index and a foreign key to the previous one, and a `[[down]]`, each). Prints the median wall time of each, the
ratio, and dbm's peak memory (max RSS).

Usage: bench/bench.py [--n 1000] [--rounds 5] [--dbm target/release/dbm]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time


def migration_sql(i):
    return (
        f'CREATE TABLE "t{i}" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, '
        f'"name" varchar(255) NOT NULL, "created_at" timestamp);\n'
        f'CREATE INDEX "t{i}_name_index" ON "t{i}" ("name");\n'
    )


def timed(cmd, cwd, stdin=None):
    """Runs cmd, returns (seconds, max RSS of the child in KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    with open(stdin) if stdin else open(os.devnull) as inp:
        subprocess.run(cmd, cwd=cwd, stdin=inp, stdout=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before)


def peak_rss(cmd, cwd):
    """Peak RSS of one command in KiB, measured by GNU time."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M"] + cmd,
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )
    return int(out.stderr.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dbm", default="target/release/dbm")
    args = parser.parse_args()
    dbm = os.path.abspath(args.dbm)
    if not os.path.exists(dbm):
        raise SystemExit(f"{dbm} not found: run `cargo build --release` first")

    work = tempfile.mkdtemp(prefix="dbm-bench-")
    project = os.path.join(work, "project")
    migrations = os.path.join(project, "database", "migrations")
    os.makedirs(migrations)
    with open(os.path.join(project, "database.toml"), "w") as f:
        f.write('[default.connections.sqlite]\ndriver = "sqlite"\nurl = "sqlite://db.sqlite3"\n')
    script = os.path.join(work, "raw.sql")
    tracked = os.path.join(work, "tracked.sql")
    truncating = os.path.join(work, "truncating.sql")
    with open(script, "w") as raw, open(tracked, "w") as track:
        track.write(
            'CREATE TABLE "dbm_schema" ("id" integer NOT NULL, "name" varchar(255) NOT NULL, '
            '"batch" integer NOT NULL, "checksum" varchar(64), "migration_time" timestamp '
            'DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "dbm_schema_pkey" PRIMARY KEY ("id"));\n'
            'CREATE UNIQUE INDEX "dbm_schema_name_unique" ON "dbm_schema" ("name");\n'
        )
        for i in range(args.n):
            sql = migration_sql(i)
            with open(os.path.join(migrations, f"{i:06d}_create_t{i}.sql"), "w") as f:
                f.write("-- dbm:up\n" + sql + f'-- dbm:down\nDROP TABLE "t{i}";\n')
            raw.write("BEGIN;\n" + sql + "COMMIT;\n")
            row = (
                f"INSERT INTO \"dbm_schema\" (name, batch, checksum) VALUES "
                f"('database/migrations/{i:06d}_create_t{i}', 1, '{'0' * 64}');\n"
            )
            track.write("BEGIN;\n" + sql + row + "COMMIT;\n")
    with open(truncating, "w") as out, open(tracked) as track:
        out.write("PRAGMA journal_mode = TRUNCATE;\n" + track.read())

    db = os.path.join(project, "db.sqlite3")
    raw_db = os.path.join(work, "raw.sqlite3")
    tracked_db = os.path.join(work, "tracked.sqlite3")
    truncating_db = os.path.join(work, "truncating.sqlite3")
    dbm_times, raw_times, tracked_times, truncating_times = [], [], [], []
    for _ in range(args.rounds):
        for path in (db, db + ".lock", raw_db, tracked_db, truncating_db, truncating_db + "-journal"):
            if os.path.exists(path):
                os.remove(path)
        t, _ = timed([dbm, "-q", "migration:run"], project)
        dbm_times.append(t)
        t, _ = timed(["sqlite3", raw_db], work, stdin=script)
        raw_times.append(t)
        t, _ = timed(["sqlite3", tracked_db], work, stdin=tracked)
        tracked_times.append(t)
        t, _ = timed(["sqlite3", truncating_db], work, stdin=truncating)
        truncating_times.append(t)

    status_times = []
    for _ in range(max(args.rounds, 30)):
        t, _ = timed([dbm, "-q", "migration:status", "--json"], project)
        status_times.append(t)

    checked = os.path.join(work, "checked")
    os.makedirs(os.path.join(checked, "database", "migrations"))
    for i in range(args.n):
        with open(os.path.join(checked, "database", "migrations", f"{i:06d}_create_t{i}.toml"), "w") as f:
            f.write(
                f'[[up]]\ncreate_table = "t{i}"\ncolumns = [\n'
                f'  {{ name = "id", type = "increments" }},\n'
                f'  {{ name = "name", type = "string", nullable = false, index = true }},\n'
                f'  {{ name = "prev_id", type = "integer", unsigned = true, references = "t{max(i - 1, 0)}.id" }},\n'
                f']\ntimestamps = true\n\n[[down]]\ndrop_table = "t{i}"\n'
            )
    check_times = []
    for _ in range(max(args.rounds, 10)):
        t, _ = timed([dbm, "-q", "migration:check"], checked)
        check_times.append(t)

    os.remove(db)
    run_rss = peak_rss([dbm, "-q", "migration:run"], project)
    status_rss = peak_rss([dbm, "-q", "migration:status", "--json"], project)

    dbm_med, raw_med = statistics.median(dbm_times), statistics.median(raw_times)
    print(f"N = {args.n} migrations (a table and an index each), {args.rounds} alternating rounds")
    print(f"dbm migration:run     median {dbm_med*1000:9.1f} ms   (runs: {', '.join(f'{t*1000:.0f}' for t in dbm_times)})")
    print(f"sqlite3 shell         median {raw_med*1000:9.1f} ms   (runs: {', '.join(f'{t*1000:.0f}' for t in raw_times)})")
    tracked_med = statistics.median(tracked_times)
    print(f"sqlite3 + dbm_schema  median {tracked_med*1000:9.1f} ms   (runs: {', '.join(f'{t*1000:.0f}' for t in tracked_times)})")
    print(f"ratio dbm / sqlite3   {dbm_med/raw_med:.3f}x   (target: <= 1.05x)")
    truncating_med = statistics.median(truncating_times)
    print(f"  + TRUNCATE journal  median {truncating_med*1000:9.1f} ms   (runs: {', '.join(f'{t*1000:.0f}' for t in truncating_times)})")
    print(f"ratio dbm / sqlite3 writing the same tracking rows   {dbm_med/tracked_med:.3f}x")
    print(f"ratio dbm / sqlite3 writing them in dbm's journal mode   {dbm_med/truncating_med:.3f}x")
    print(f"dbm migration:status  median {statistics.median(status_times)*1000:9.1f} ms with {args.n} applied (target: < 10 ms)")
    print(f"dbm migration:check   median {statistics.median(check_times)*1000:9.1f} ms on {args.n} TOML migrations")
    print(f"peak memory (max RSS) migration:run {run_rss/1024:.1f} MiB, migration:status {status_rss/1024:.1f} MiB (target: < 20 MiB)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
