"""BRP adapters: where Schakel gets persons from (the local registry by default, Haal Centraal BRP API Personen in production)."""

from .base import BrpAdapter, BrpError, BrpPerson, BrpUnavailable, SearchCriteria, get_adapter

__all__ = ["BrpAdapter", "BrpError", "BrpPerson", "BrpUnavailable", "SearchCriteria", "get_adapter"]
