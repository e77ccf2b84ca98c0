"""What families see: the information page, the formats list, contact requests and text overrides."""
