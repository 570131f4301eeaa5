"""Open Badges 3.0 credentials (issue #18, item 2): see assessment/badges/README.md."""
