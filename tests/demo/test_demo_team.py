"""The demo's read-only partner: the dashboard and the study-visit lists of the demo edition,
nothing that needs another key (registrations, bulk e-mail, the audit log)."""

import pytest
from django.test import Client
from django.urls import reverse

from kongres.demo.team import demo_partner_user
from kongres.visits.models import Signup

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_partner_sees_reports_and_visits_only(demo_data, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    username, password = demo_partner_user(demo_data)
    client = Client()
    assert client.login(username=username, password=password)

    dashboard = client.get(f"/admin/office/{demo_data.pk}/")
    assert dashboard.status_code == 200
    assert b'id="chart-by-category"' in dashboard.content
    signups = client.get(reverse("admin:visits_signup_changelist"))
    assert signups.status_code == 200
    assert signups.context["cl"].result_count == Signup.objects.filter(edition=demo_data).count()
    assert client.get(reverse("admin:registration_registration_changelist")).status_code == 403
    assert client.get(f"/admin/office/{demo_data.pk}/mail/").status_code == 403
    assert client.get(f"/admin/office/{demo_data.pk}/audit/").status_code == 403
    assert demo_partner_user(demo_data) == (username, password)  # the same on every start
