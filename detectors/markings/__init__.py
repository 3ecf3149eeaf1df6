"""Recognizers for secrecy, restricted and draft markings: markings by form and place, never mentions."""
