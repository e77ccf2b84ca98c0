"""The work that fills a review's dates: partner agencies, what the board asks of them and what
they send back (returns and chronologies), and the contributors invited to answer."""
