"""Review tracking: framework stages and deadlines, obligations to families, staff pages."""
