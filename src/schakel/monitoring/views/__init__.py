"""Web views of the monitor: dashboards, drill-through, council report and exports, extract refresh."""

from .dashboard import dashboard, drill
from .report import export, refresh, report

__all__ = ["dashboard", "drill", "export", "refresh", "report"]
