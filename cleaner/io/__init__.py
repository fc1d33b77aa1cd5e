"""Batch input and output: compression, format detection, readers that cut inputs into chunks, writers."""
