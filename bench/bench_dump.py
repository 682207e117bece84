#!/usr/bin/env python3
"""Measures loading a schema dump against running the migrations it covers.

For each database: runs every migration on database A, `dbm schema:dump`, then, alternating
rounds on a fresh database B: `dbm migration:run` of every migration, and `dbm migration:run`
loading the dump (the same connection pointed at B by `DBM_CONNECTIONS__MAIN__URL`). Prints the
median wall time of each and the ratio.

- SQLite: N generated migrations (a table and an index each, as bench.py).
- PostgreSQL and MySQL/MariaDB: the corpus (`corpus/`). A dump that cannot be taken or loaded
  (the corpus uses objects the catalog does not hold) is reported with dbm's error.

Usage: bench/bench_dump.py [--n 1000] [--rounds 3] [--dbm target/release/dbm]
       [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--mysql-url mysql://root@127.0.0.1:3306/test]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import migration_sql  # noqa: E402
from bench_servers import (  # noqa: E402
    corpus, first_program, make_project, mysql_args, run_quiet, with_database,
)


def dbm_run(dbm, project, url, args):
    """Runs dbm with `main` at `url`; returns (seconds, error text or None)."""
    env = dict(os.environ, DBM_CONNECTIONS__MAIN__URL=url)
    start = time.perf_counter()
    done = subprocess.run([dbm] + args, cwd=project, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    return elapsed, (done.stderr.strip() if done.returncode else None)


def measure(label, dbm, project, url_a, url_b, recreate_b, rounds):
    recreate_b("a")
    _, error = dbm_run(dbm, project, url_a, ["migration:run", "--compact-output"])
    if error:
        print(f"{label}: migration:run failed: {error}")
        return
    _, error = dbm_run(dbm, project, url_a, ["schema:dump"])
    if error:
        print(f"{label}: schema:dump failed: {error}")
        return
    dump = os.path.join(project, "database", "schema", "main-schema.sql")
    moved = dump + ".off"
    run_times, load_times = [], []
    for _ in range(rounds):
        os.rename(dump, moved)
        recreate_b("b")
        elapsed, error = dbm_run(dbm, project, url_b, ["migration:run", "--compact-output"])
        os.rename(moved, dump)
        if error:
            print(f"{label}: migration:run failed: {error}")
            return
        run_times.append(elapsed)
        recreate_b("b")
        elapsed, error = dbm_run(dbm, project, url_b, ["migration:run", "--compact-output"])
        if error:
            print(f"{label}: loading the dump failed: {error}")
            return
        load_times.append(elapsed)
    run, load = statistics.median(run_times), statistics.median(load_times)
    print(f"{label}: run every migration {run * 1000:.0f} ms, load the dump {load * 1000:.0f} ms "
          f"({run / load:.1f}x faster)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dbm", default="target/release/dbm")
    parser.add_argument("--pg-url", default=os.environ.get("DBM_TEST_POSTGRES_URL"))
    parser.add_argument("--mysql-url", default=os.environ.get("DBM_TEST_MYSQL_URL"))
    args = parser.parse_args()
    dbm = os.path.abspath(args.dbm)
    with tempfile.TemporaryDirectory() as work:
        files = [(f"{i:05d}_t{i}.sql", f"-- dbm:up\n{migration_sql(i)}-- dbm:down\n"
                  f'DROP TABLE "t{i}";\n') for i in range(args.n)]
        urls = {w: f"sqlite://{os.path.join(work, w + '.sqlite3')}" for w in "ab"}
        project = make_project(work, "sqlite", files, "sqlite", urls["a"])

        def recreate_sqlite(which):
            path = os.path.join(work, which + ".sqlite3")
            for suffix in ("", "-journal", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)

        measure(f"SQLite, {args.n} migrations", dbm, project, urls["a"], urls["b"],
                recreate_sqlite, args.rounds)
        if args.pg_url:
            psql = first_program("psql")
            names = {w: f"dbm_dump_bench_{w}" for w in "ab"}

            def recreate_pg(which):
                run_quiet([psql, "-X", "-q", args.pg_url,
                           "-c", f'DROP DATABASE IF EXISTS "{names[which]}"',
                           "-c", f'CREATE DATABASE "{names[which]}"'])

            urls = {w: with_database(args.pg_url, n) for w, n in names.items()}
            project = make_project(work, "pg", corpus("postgres"), "postgres", urls["a"])
            measure("PostgreSQL, corpus", dbm, project, urls["a"], urls["b"], recreate_pg,
                    args.rounds)
        if args.mysql_url:
            mysql = first_program("mariadb", "mysql")
            client, env = mysql_args(args.mysql_url)
            names = {w: f"dbm_dump_bench_{w}" for w in "ab"}

            def recreate_mysql(which):
                name = names[which]
                run_quiet([mysql] + client + ["-e", f"DROP DATABASE IF EXISTS `{name}`; "
                                              f"CREATE DATABASE `{name}`"], env=env)

            urls = {w: with_database(args.mysql_url, n) for w, n in names.items()}
            project = make_project(work, "mysql", corpus("mysql"), "mysql", urls["a"])
            measure("MySQL/MariaDB, corpus", dbm, project, urls["a"], urls["b"],
                    recreate_mysql, args.rounds)


if __name__ == "__main__":
    main()
