"""Mail to staff about deadlines: each person's daily or weekly digest of what is due, at risk and
missed on the reviews they can see, and the immediate alert to a board's review managers when a
statutory deadline becomes at risk. Both are scheduled jobs, safe to run twice."""
