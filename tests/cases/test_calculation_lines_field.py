"""The editor API's `LinesField` takes each line as it is, without DRF's per-key child
validation (issue #17), and answers exactly as `ListField(child=DictField())` did: the same
validated lines, the same errors at the same paths."""

import pytest
from rest_framework import serializers

from calcengine.schema import MAX_LINES
from cases.calculations.apis import LinesField


class _DrfLines(serializers.Serializer):
    lines = serializers.ListField(child=serializers.DictField(), max_length=MAX_LINES)


class _Lines(serializers.Serializer):
    lines = LinesField()


@pytest.mark.parametrize(
    "body",
    [
        {
            "lines": [
                {"id": "1", "code": "X", "units": None, 3: "key as number", "nested": {"a": [1]}}
            ]
        },
        {"lines": [1, "x", None, [], {"id": "2"}]},
        {"lines": "not a list"},
        {"lines": {"id": "1"}},
        {"lines": None},
        {"lines": [None]},
        {"lines": [{}] * (MAX_LINES + 1)},
        {"lines": []},
        {},
    ],
)
def test_the_lines_are_validated_as_drfs_list_of_dicts_would(body):
    drf, ours = _DrfLines(data=body), _Lines(data=body)
    # when
    valid = ours.is_valid()
    # then
    assert valid == drf.is_valid()
    if valid:
        assert ours.validated_data == drf.validated_data
    else:
        assert ours.errors == drf.errors
