"""The organiser's pages of one edition, under /admin/office/<edition_id>/."""

app_name = "backoffice"

urlpatterns = []
