"""Outcome measurement (issue 3): instruments, measurements, goal attainment."""
