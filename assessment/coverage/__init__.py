"""Coverage of the competence profile: what assesses which item (`sources`) and, per item, where
it is practised and by what it is assessed (`selectors`). Issue #16, item 5."""
