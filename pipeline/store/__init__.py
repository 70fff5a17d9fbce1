"""Store: the only package that talks to DuckDB, and the only one that writes files in place.

- ``connect.py``   opens databases: ``open_read`` (always checks the contract version) and
                   ``open_build`` (the settings of a build); nothing else calls ``duckdb.connect``.
- ``contract.py``  the contract's version policy: which files are read, rebuilt or refused.
- ``ddl.py``, ``sql.py``  the DDL generated from the row models; quoting names into SQL.
- ``views.py``     the contract's views (DuckDB's and SQLite's SQL) and the whole contract DDL.
- ``write.py``     rows -> Arrow -> tables, in bulk.
- ``build.py``     a new database under a temporary name: a copy of the published one or empty,
                   compacted when finished (a copy only once a quarter of it is free blocks).
- ``export.py``    the text export (one JSON Lines file per table, patched after an incremental
                   build) and ``--check``'s comparison; ``diff.py`` what that comparison reports.
- ``formats.py``   `pipeline export`: Parquet, CSV, SQLite, JSON Lines of the tables and views.
- ``migrate.py``   `pipeline migrate`: an older contract's file upgraded in place.
- ``publish.py``   the database, its export and the run stamp put in place together.
- ``queries.py``   every SQL query the readers run (curation helpers, flags, report, run summary).
- ``check.py``     `pipeline check-db`.
- ``lock.py``      one writer at a time.
- ``atomic.py``    the one atomic file writer, used for every file the tool writes.
"""
