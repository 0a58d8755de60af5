"""Shared pytest fixtures: the default configuration, a municipality with teams and one user per role."""


pytest_plugins = ["schakel.testing.fixtures", "schakel.testing.browser"]
