"""LTI 1.3 Advantage tool (issue #18 item 1), on django-lti (`lti_tool`) and pylti1p3.

django-lti holds the registrations, deployments, keys, LTI users, contexts, resource links and
line items; this package maps them to the platform: an LMS context to a cohort, its users to
trainees and assessors, a resource link to a case or an exercise, a released grade to a score in
the LMS's gradebook (README, "Standards of the learning ecosystem").
"""
