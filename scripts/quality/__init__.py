"""Quality benchmark pieces for scripts/bench_quality.py: corpora, extraction cache, metrics and tables."""
