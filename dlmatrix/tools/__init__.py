"""Contributor and maintainer tools: scaffolding, formatting, freshness, registry sync, benchmarks."""
