"""The JSON API at /api/v1/: bearer tokens, problem details, and the OpenAPI document."""
