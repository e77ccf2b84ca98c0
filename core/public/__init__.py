"""Platform-level public routes: the list of boards, health and readiness."""
