import pytest
from django.test import Client


@pytest.fixture
def client():
    """API answers in English here (``Accept-Language``), so tests can read the messages;
    the Polish ones are checked in ``test_errors_follow_accept_language``."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
