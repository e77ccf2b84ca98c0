"""Code the built-in format plugins share: per-script fonts and language codes, and HTML to PDF.

This package has no entry point of its own; it registers nothing.
"""
