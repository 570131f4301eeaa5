"""Learning records as xAPI (issue #18 item 4): statements about a trainee's work, sent to a
configured Learning Record Store. See README.md in this folder.

- `config`: the LRS settings; absent → nothing is built, queued or sent.
- `vocabulary`: the verbs and activity types (ADL's registry, Activity Streams for "submitted").
- `statements`: the four statements, built from the platform's rows (pure dicts).
- `hooks`: what the workflow calls; builds the statement and enqueues it on commit.
- `tasks`: the task that sends one statement, retried with backoff, bounded.
- `sending`: one PUT to the LRS and what its answer means.
"""
