"""Demo data of the LTI tool: a signing key, so the JWKS publishes one from the start."""

from .keys import ensure_signing_key


def load(stdout=None) -> None:
    key = ensure_signing_key()
    if stdout is not None:
        stdout.write(f"LTI: sleutel {key} gepubliceerd op /lti/jwks/.")
