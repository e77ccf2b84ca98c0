"""The append-only audit log: who did what, to what, when and from where."""
