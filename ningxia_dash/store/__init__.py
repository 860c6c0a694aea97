"""The store: everything that reads or writes the DuckDB file, and what a new database is built from.

- db.py — the one gateway (a cursor per call, transactions, the write lock, copy-on-write publish);
- queries.py — every SELECT, named and parameterised; schema.sql — the tables (run on a new database only);
- build.py — build-db: the seeds (data/seed/) and public figures → a new database file, swapped in atomically;
- catalogue.py — the metadata seeds (village/park metric catalogue and judging rules, reference series), checked;
- demo.py, demo_regions.py, rollup.py — the sample data generators, and how region figures add up.
"""
