"""The checks of the fuzzing suite can fail: each one is shown a response it must refuse."""

import pytest
from django.http import HttpResponse

from tests.security import fuzzing

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAYLOAD = '"><img src=x onerror=alert(1)>'


def test_a_server_error_fails():
    with pytest.raises(AssertionError, match="500"):
        fuzzing.check("self-test", HttpResponse(status=500), [], None)


def test_a_payload_reflected_unescaped_fails_and_escaped_passes():
    with pytest.raises(AssertionError, match="reflected"):
        fuzzing.check("self-test", HttpResponse(f"<p>{PAYLOAD}</p>"), [PAYLOAD], None)
    escaped = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    fuzzing.check("self-test", HttpResponse(f"<p>{escaped}</p>"), [PAYLOAD], None)


def test_a_write_on_a_refused_request_fails():
    from django.contrib.auth import get_user_model

    before = fuzzing.counts()
    get_user_model().objects.create_user("written-anyway")
    with pytest.raises(AssertionError, match="wrote"):
        fuzzing.check("self-test", HttpResponse("<p>errors</p>", status=200), [], before)
    # The same write after an accepted POST (a redirect) is allowed.
    fuzzing.check("self-test", HttpResponse(status=302), [], before)


def test_mutated_forms_are_drawn_from_the_page():
    page = (
        '<form method="post"><input name="email" type="email">'
        '<select name="day"><option value="">-</option><option value="1">1</option></select>'
        '<input type="checkbox" name="s" value="a"><input type="checkbox" name="s" value="b">'
        "<textarea name=note></textarea></form>"
    )
    fields = fuzzing.form_fields(page)
    assert fields.pop("email")[0].endswith("@example.org")
    assert fields == {"day": ["1"], "s": ["a", "b"], "note": ["Fuzz"]}
