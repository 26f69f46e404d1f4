from django.urls import path

from kongres.registration.views import public

app_name = "registration"

urlpatterns = [
    path("register/", public.register, name="register"),
    path("register/thanks/", public.register_done, name="register_done"),
    path("register/group/", public.group_register, name="group"),
    path("verify/<str:token>/", public.verify, name="verify"),
    path("my-link/", public.resend_link, name="resend_link"),
    path("me/<str:token>/", public.personal, name="personal"),
    path("me/<str:token>/edit/", public.personal_edit, name="personal_edit"),
    path("me/<str:token>/sessions/", public.personal_sessions, name="personal_sessions"),
    path("me/<str:token>/ticket.pdf", public.ticket_pdf, name="ticket_pdf"),
    path("me/<str:token>/my-data.json", public.personal_data_json, name="personal_data_json"),
    path("me/<str:token>/my-data.pdf", public.personal_data_pdf, name="personal_data_pdf"),
    path("me/<str:token>/cancel/", public.personal_cancel, name="personal_cancel"),
    path("me/<str:token>/consents/", public.personal_consents, name="personal_consents"),
    path("me/<str:token>/feed/", public.personal_feed_rotate, name="personal_feed_rotate"),
    path("me/<str:token>/offer/<int:signup_id>/", public.offer_accept, name="offer_accept"),
    path("me/<str:token>/id-data/<int:signup_id>/", public.id_data, name="id_data"),
    path("agenda/<str:feed>.ics", public.agenda_feed, name="agenda_feed"),
]
