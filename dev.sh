#!/usr/bin/env bash
# The project's two entry points, for a machine with nothing but Python 3.11 (and WeasyPrint's
# system libraries): `./dev.sh demo` serves the platform with demo data, `./dev.sh test` runs
# every test. Both create .venv and install the project when pyproject.toml has changed.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON="$candidate"; break; fi
  done
fi
[ -n "$PYTHON" ] || { echo "Python 3.11 is nodig (python3.11 of python3)." >&2; exit 1; }

VENV=.venv
STAMP="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  if [ ! -f "$STAMP" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test]"
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
  fi
}

case "${1:-}" in
  demo)
    ensure_venv
    "$VENV/bin/python" manage.py migrate --noinput
    "$VENV/bin/python" manage.py load_demo
    exec "$VENV/bin/python" manage.py runserver "${ADDRESS:-127.0.0.1:8000}"
    ;;
  test)
    ensure_venv
    shift
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  install)
    ensure_venv
    ;;
  lrs)
    # The local Learning Record Store for the xAPI tests (issue #18): ralph, in its own
    # virtualenv (its FastAPI/pydantic pins are not the project's). About a minute; the tests
    # in tests/assessment/test_xapi_lrs.py skip, saying so, without it.
    if [ ! -x var/ralph-venv/bin/python ]; then "$PYTHON" -m venv var/ralph-venv; fi
    var/ralph-venv/bin/python -m pip install --quiet 'ralph-malph[cli,lrs]==5.1.0' requests
    ;;
  *)
    echo "Gebruik: ./dev.sh demo | ./dev.sh test [pytest-argumenten] | ./dev.sh install | ./dev.sh lrs" >&2
    exit 64
    ;;
esac
