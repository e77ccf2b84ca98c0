"""Staff accounts: users, their role in each board, sign-in, and API tokens."""
