"""Performance benchmark of the handbook: `python -m benchmarks` (or `make bench`).

Builds the site, drives Chromium against it and prints one table, also written as JSON to
`benchmarks/results/latest.json`. Absolute times on shared machines are noisy: read the ratios,
which compare measurements taken in the same run.
"""
