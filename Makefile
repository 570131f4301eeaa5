# Thin wrappers around dev.sh, which works without make too.
.PHONY: demo test install ci lint typecheck

demo:
	./dev.sh demo

test:
	./dev.sh test

install:
	./dev.sh install

ci:
	bash .ci/run

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck:
	.venv/bin/python -m mypy
