"""The board layer: what every page and service needs to know about one board — its view for
plugins, branding, offered languages, locale negotiation, the leaflet and its context."""
