"""PDF reports: the assessment report of a signed grade and the printout of a calculation.

Rendered with WeasyPrint through `fetcher.PlatformStaticFetcher`, which serves only the
platform's own static files and refuses every other URL (no network, no other file).
"""
