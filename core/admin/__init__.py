"""Board administration at `/<tenant>/admin/`: plugins, branding, languages, people, the audit log
and the plugin trace, for a board's `board_admin`s."""
