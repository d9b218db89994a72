"""Benchmarks for legday: a synthetic roster generator and the harness (docs/performance.md)."""
