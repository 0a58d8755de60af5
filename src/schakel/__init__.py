"""Schakel: one platform for the municipal social domain (Wmo 2015, Jeugdwet, Participatiewet, Wgs)."""

__version__ = "0.1.0"
