from django.urls import path

from kongres.events.views import public

app_name = "events"

urlpatterns = [
    path("", public.index, name="index"),
    path("archive/", public.archive, name="archive"),
    path("<slug:edition_slug>/", public.home, name="home"),
    path("<slug:edition_slug>/partners/", public.partners, name="partners"),
    path("<slug:edition_slug>/venue/", public.venue, name="venue"),
    path("<slug:edition_slug>/privacy/", public.privacy, name="privacy"),
]
