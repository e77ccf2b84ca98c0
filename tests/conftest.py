"""Support shared across the areas of the tests: this folder is on the import path once this file is
loaded, so the areas import its support modules by name; their fixtures are registered here."""

pytest_plugins = ("render_ahead_support",)
