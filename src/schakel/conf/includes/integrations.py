"""Outside systems: the BRP (Haal Centraal BRP API Personen 2.x)."""

from schakel.conf.env import config

BRP_ADAPTER = config("SCHAKEL_BRP_ADAPTER", "local", help="local (the embedded registry) or haalcentraal.")
BRP_API_URL = config(
    "SCHAKEL_BRP_API_URL",
    "https://proefomgeving.haalcentraal.nl/haalcentraal/api/brp",
    help="Base URL of the Haal Centraal BRP API Personen (without /personen).",
)
BRP_API_KEY = config("SCHAKEL_BRP_API_KEY", "", help="API key for the BRP API (header X-API-KEY), if used.")
BRP_OAUTH_TOKEN_URL = config(
    "SCHAKEL_BRP_OAUTH_TOKEN_URL", "", help="OAuth 2.0 token URL (client credentials)."
)
BRP_OAUTH_CLIENT_ID = config("SCHAKEL_BRP_OAUTH_CLIENT_ID", "", help="OAuth 2.0 client id for the BRP API.")
BRP_OAUTH_CLIENT_SECRET = config(
    "SCHAKEL_BRP_OAUTH_CLIENT_SECRET", "", help="OAuth 2.0 client secret for the BRP API."
)
BRP_TLS_CLIENT_CERT = config(
    "SCHAKEL_BRP_TLS_CLIENT_CERT", "", help="Path to the PKIoverheid client certificate (PEM)."
)
BRP_TLS_CLIENT_KEY = config(
    "SCHAKEL_BRP_TLS_CLIENT_KEY", "", help="Path to the client certificate's private key."
)
BRP_TIMEOUT_SECONDS = config(
    "SCHAKEL_BRP_TIMEOUT", 10, cast=int, help="Timeout for BRP API calls in seconds."
)
BRP_OIN = config("SCHAKEL_OIN", "", help="OIN of the municipality, sent as the requesting party.")

# Monitor sociaal domein (issue 6): where the indicators run and where the extract lives.
MONITOR_ENGINE = config(
    "SCHAKEL_MONITOR_ENGINE",
    "duckdb",
    help="Engine of the monitor's indicators: 'duckdb' (default) or 'pyspark'.",
)
MONITOR_SPARK_MASTER = config(
    "SCHAKEL_MONITOR_SPARK_MASTER",
    "local[*]",
    help="Spark master URL for the monitor when SCHAKEL_MONITOR_ENGINE=pyspark.",
)
MONITOR_DIR = (
    config(
        "SCHAKEL_MONITOR_DIR",
        "",
        help="Directory of the monitor's Parquet extract (default: SCHAKEL_VAR_DIR/monitor).",
    )
    or None
)
