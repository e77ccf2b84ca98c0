"""The operator's console at `/platform/`: boards, their host names and storage, and the plugins
installed on the platform, for `platform_operator`s only."""
