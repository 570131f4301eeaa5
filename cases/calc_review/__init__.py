"""The calculation review exercise (rekencontrole, as in the NIVRE practical exam): see README.md."""
