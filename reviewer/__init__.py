"""Pre-publication review of government documents: parsing, scanning, workflow, audit."""

__version__ = "0.1.0"
