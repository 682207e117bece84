#!/usr/bin/env python3
"""Measures dbm on a cluster or behind a pooler against the same run on a single server.

For each pair, alternating rounds, each on a freshly created database, `dbm -q migration:run`
of the whole corpus (corpus/postgres, corpus/mysql):
  - PostgreSQL directly against PostgreSQL through PgBouncer in transaction mode (the pooler
    forwards every database name to the same server, so one database is created on the server
    and reached both ways; through the pooler dbm picks the table lock). Both sides leave out
    the corpus's `-- dbm:no-transaction` migrations, which dbm refuses behind a pooler;
  - one MariaDB server against node 1 of a 3-node Galera cluster (DDL in total-order
    isolation, the table lock certified by the cluster).
Prints the median wall time of each and the ratio.

`eval "$(.ci/clusters)"` starts the cluster and the pooler and sets the URLs this script reads.

Usage: bench/bench_clusters.py [--rounds 5] [--warmup 1] [--dbm target/release/dbm]
           [--pg-url URL] [--pgbouncer-url URL] [--mysql-url URL] [--galera-urls URL,URL,URL]
"""

import argparse
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_servers import (  # noqa: E402
    corpus, first_program, make_project, mysql_args, run_quiet, timed, with_database,
)

DATABASE = "dbm_bench_cluster"


def compare(label, rounds, warmup, recreate, runs):
    """`runs` maps a side's name to a function timing one run; returns the medians."""
    times = {name: [] for name in runs}
    order = list(runs)
    for round_ in range(warmup + rounds):
        for name in (order if round_ % 2 == 0 else list(reversed(order))):
            recreate()
            elapsed = runs[name]()
            if round_ >= warmup:
                times[name].append(elapsed)
    print(label)
    medians = {}
    for name in order:
        medians[name] = statistics.median(times[name])
        shown = ", ".join(f"{t * 1000:.0f}" for t in times[name])
        print(f"  {name:<28} median {medians[name] * 1000:8.1f} ms   (runs: {shown})")
    first, second = order
    print(f"  ratio {second} / {first}: {medians[second] / medians[first]:.2f}x")
    return medians


def bench_postgres(args, dbm, work):
    # A migration outside a transaction is refused behind a transaction pooler (its statements
    # could run on different server connections), so both sides run the corpus without those.
    files = [(name, text) for name, text in corpus("postgres") if "dbm:no-transaction" not in text]
    psql = first_program("psql")
    direct = make_project(work, "pg-direct", files, "postgres", with_database(args.pg_url, DATABASE))
    pooled = make_project(work, "pg-pooled", files, "postgres",
                          with_database(args.pgbouncer_url, DATABASE))

    def recreate():
        # Through the pooler, a server connection may still hold the database: force it off.
        run_quiet([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", args.pg_url,
                   "-c", f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)',
                   "-c", f'CREATE DATABASE "{DATABASE}"'])

    compare(f"PostgreSQL: {len(files)} migrations, {args.rounds} alternating rounds "
            f"(+{args.warmup} warm-up)", args.rounds, args.warmup, recreate, {
                "direct PostgreSQL": lambda: timed([dbm, "-q", "migration:run"], cwd=direct),
                "through PgBouncer": lambda: timed([dbm, "-q", "migration:run"], cwd=pooled),
            })
    run_quiet([psql, "-X", "-q", args.pg_url, "-c", f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'])


def bench_mysql(args, dbm, work):
    files = corpus("mysql")
    client = first_program("mariadb", "mysql")
    node1 = args.galera_urls.split(",")[0]
    single = make_project(work, "mysql-single", files, "mysql", with_database(args.mysql_url, DATABASE))
    galera = make_project(work, "mysql-galera", files, "mysql", with_database(node1, DATABASE))

    def recreate_on(url):
        conn, env = mysql_args(url)
        run_quiet([client, *conn, "-e", f"DROP DATABASE IF EXISTS `{DATABASE}`; CREATE DATABASE `{DATABASE}`"],
                  env=env)

    def recreate():
        recreate_on(args.mysql_url)
        recreate_on(node1)

    compare(f"MySQL/MariaDB: {len(files)} migrations, {args.rounds} alternating rounds "
            f"(+{args.warmup} warm-up)", args.rounds, args.warmup, recreate, {
                "one MariaDB server": lambda: timed([dbm, "-q", "migration:run"], cwd=single),
                "Galera node 1 of 3": lambda: timed([dbm, "-q", "migration:run"], cwd=galera),
            })
    for url in (args.mysql_url, node1):
        conn, env = mysql_args(url)
        run_quiet([client, *conn, "-e", f"DROP DATABASE IF EXISTS `{DATABASE}`"], env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--dbm", default="target/release/dbm")
    parser.add_argument("--pg-url", default=os.environ.get(
        "DBM_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--pgbouncer-url", default=os.environ.get("DBM_TEST_PGBOUNCER_URL"))
    parser.add_argument("--mysql-url", default=os.environ.get(
        "DBM_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test"))
    parser.add_argument("--galera-urls", default=os.environ.get("DBM_TEST_GALERA_URLS"))
    args = parser.parse_args()
    dbm = os.path.abspath(args.dbm)
    with tempfile.TemporaryDirectory() as work:
        if args.pgbouncer_url:
            bench_postgres(args, dbm, work)
        else:
            print("PostgreSQL: no --pgbouncer-url (DBM_TEST_PGBOUNCER_URL): skipped")
        if args.galera_urls:
            bench_mysql(args, dbm, work)
        else:
            print("MySQL/MariaDB: no --galera-urls (DBM_TEST_GALERA_URLS): skipped")


if __name__ == "__main__":
    main()
