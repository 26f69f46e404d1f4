from django.urls import path

from kongres.visits.views import public

app_name = "visits"

urlpatterns = [
    path("visits/", public.visit_list, name="list"),
]
