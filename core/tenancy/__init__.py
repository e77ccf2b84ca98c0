"""Boards as tenants: the model, provisioning from `tenants/`, and per-request resolution."""
