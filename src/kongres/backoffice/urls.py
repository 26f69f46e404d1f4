"""The organiser's pages of one edition, under /admin/office/<edition_id>/."""

from django.urls import path

from kongres.backoffice.views import dashboard

app_name = "backoffice"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
]
