"""Test suite of article-cleaner."""
