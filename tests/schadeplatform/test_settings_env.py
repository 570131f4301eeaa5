import json
import os
import subprocess
import sys

import pytest

from schadeplatform.settings.env import (
    ImproperEnvironment,
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_str,
    env_url,
)
from tests.shared import REPO_ROOT


@pytest.mark.parametrize("value", ["ja", "2", "truee", "on off"])
def test_env_bool_refuses_a_value_that_is_not_a_boolean(monkeypatch, value):
    monkeypatch.setenv("SOME_FLAG", value)
    with pytest.raises(ImproperEnvironment, match="SOME_FLAG must be a boolean"):
        env_bool("SOME_FLAG")


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("0", False), ("Yes", True), ("off", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)
    assert env_bool("SOME_FLAG") is expected


def test_env_int_refuses_text_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperEnvironment, match="whole number"):
        env_int("PORT")
    monkeypatch.setenv("PORT", "0")
    with pytest.raises(ImproperEnvironment, match="at least 1"):
        env_int("PORT", minimum=1)


def test_a_required_variable_that_is_missing_is_named(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperEnvironment, match="SECRET_KEY is required"):
        env_str("SECRET_KEY")


def test_a_short_secret_key_is_refused(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperEnvironment, match="at least 50"):
        env_str("SECRET_KEY", min_length=50)


def test_env_list_refuses_empty_items(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.nl,,b.nl")
    with pytest.raises(ImproperEnvironment, match="without empty items"):
        env_list("ALLOWED_HOSTS")


def test_env_choice_names_the_allowed_values(monkeypatch):
    monkeypatch.setenv("MEDIA_STORAGE", "ftp")
    with pytest.raises(ImproperEnvironment, match="filesystem, s3"):
        env_choice("MEDIA_STORAGE", ("filesystem", "s3"))


@pytest.mark.parametrize("url", ["mysql2://x", "not a url", "postgres//missing-colon"])
def test_a_malformed_database_url_is_refused(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperEnvironment, match="DATABASE_URL"):
        env_database("DATABASE_URL")


def test_a_postgres_database_url_becomes_a_postgresql_connection(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/schade")
    config = env_database("DATABASE_URL")
    # Django's PostgreSQL backend with the health check asked of the socket.
    assert config["ENGINE"] == "schadeplatform.db.postgresql"
    assert config["NAME"] == "schade"
    assert config["CONN_HEALTH_CHECKS"] is True


def test_a_redis_url_must_have_a_redis_scheme(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(ImproperEnvironment, match="REDIS_URL"):
        env_url("REDIS_URL", schemes=("redis", "rediss"))


# Starts Django; prints the setting named by PRINT_SETTING_NAME as JSON, if any.
PRINT_SETTING = """
import json, os, django
django.setup()
from django.conf import settings
name = os.environ.get("PRINT_SETTING_NAME")
if name:
    print(json.dumps(getattr(settings, name), default=str))
"""


def _production_check(**overrides: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="schadeplatform.settings.production",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="schadeplatform.example.nl",
        DATABASE_URL="sqlite:///:memory:",
    )
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTING],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_start_with_a_complete_environment():
    result = _production_check()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECURE_SSL_REDIRECT", "sometimes", "SECURE_SSL_REDIRECT must be a boolean"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT must be a whole number"),
        ("SECRET_KEY", "tooshort", "SECRET_KEY must be at least 50"),
        ("MEDIA_STORAGE", "dropbox", "MEDIA_STORAGE must be one of"),
        ("DATABASE_URL", "oracle-ish://nowhere", "DATABASE_URL"),
    ],
)
def test_production_settings_fail_loudly_on_a_malformed_variable(variable, value, message):
    result = _production_check(**{variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_prepare_the_statements_the_tests_run_with():
    # Production reads its own DATABASE_URL; it once dropped the engine's options on the way, so
    # the servers ran without the prepared statements the suite (and the load test) relied on.
    result = _production_check(
        DATABASE_URL="postgres://app@db.example.nl:5432/schadeplatform",
        DATABASE_PREPARED_STATEMENTS="true",
        PRINT_SETTING_NAME="DATABASES",
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout)["default"]["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 5}


def test_production_settings_let_writers_queue_on_sqlite():
    result = _production_check(PRINT_SETTING_NAME="DATABASES")
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout)["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
