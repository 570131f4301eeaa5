"""The workshop day (werkplaatsdag, issue #16 item 3): the trainee plans a week's start in the
shop as schademanager. Models in `cases.models.workshop_day`, the rules and scoring in `scoring`
(pure), department hours from the engine in `hours` (pure), the demo day in `day_data`, reads in
`selectors`, writes in `services`, pages in `views`, API in `apis`. See README.md."""
