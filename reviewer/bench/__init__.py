"""Benchmarks: a seeded corpus, the scanner against plain Presidio, throughput, memory and linearity (`make bench`)."""
