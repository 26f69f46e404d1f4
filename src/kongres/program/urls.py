from django.urls import path

from kongres.program.views import public

app_name = "program"

urlpatterns = [
    path("program/", public.program, name="program"),
    path("program.ics", public.program_ics, name="program_ics"),
    path("program/<slug:slug>/", public.session_detail, name="session"),
    path("program/<slug:slug>.ics", public.session_ics, name="session_ics"),
    path("speakers/", public.speakers, name="speakers"),
    path("speakers/<slug:slug>/", public.speaker_detail, name="speaker"),
]
