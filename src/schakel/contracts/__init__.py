"""Providers, contracts, contracted products, tariffs and allocations (issue 4)."""
