"""Monitor of the whole social domain (issue 6): pseudonymised extract, indicators (Ibis on DuckDB/PySpark), dashboards, council report."""
