"""Case templates and their variants (issue 16, item 6): a template with parameters generates
any number of reproducible variants (`generate.variant_for(template_key, seed)`), each with a
reference derived by rules and computed by `calcengine`; `validity` derives per variant what an
expert accepts and rejects; `practice` is the trainee's practice mode. See cases/README.md."""
