"""Staff and contributor pages for casework."""
