"""The calculation editor of an attempt: draft lines with autosave, frozen submitted versions.

See README.md in this package for the autosave protocol, versioning and the API.
"""
