import json
import logging

import pytest

from kongres.common.logging import JsonFormatter

pytestmark = pytest.mark.unit


def _record(message, *args, extra=None, exc_info=None):
    logger = logging.getLogger("kongres.test")
    return logger.makeRecord(
        "kongres.test", logging.INFO, __file__, 1, message, args, exc_info, extra=extra
    )


def test_json_line_holds_time_level_logger_and_message():
    line = JsonFormatter().format(_record("%s registrations", 3))

    entry = json.loads(line)

    assert (entry["level"], entry["logger"], entry["message"]) == (
        "INFO",
        "kongres.test",
        "3 registrations",
    )
    assert entry["time"].endswith("+00:00")


def test_extra_fields_are_kept_as_keys_of_their_own():
    line = JsonFormatter().format(_record("issued", extra={"edition": 7, "count": 25}))

    entry = json.loads(line)

    assert (entry["edition"], entry["count"]) == (7, 25)
    assert "args" not in entry
    assert "msg" not in entry


def test_values_json_cannot_hold_are_written_as_text():
    line = JsonFormatter().format(_record("at", extra={"when": object}))

    assert json.loads(line)["when"] == str(object)


def test_an_exception_is_written_with_its_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        line = JsonFormatter().format(_record("failed", exc_info=sys.exc_info()))

    assert "ValueError: boom" in json.loads(line)["exception"]
