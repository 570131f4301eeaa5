"""The paint drill (lakoefening, issue #16 item 2): models in `cases.models.paint_drill`,
scoring in `scoring` (pure), engine figures in `engine_units` (pure), reads in `selectors`,
writes in `services`, pages in `views`."""
