from django.urls import path

from kongres.matchmaking import views

app_name = "matchmaking"

ME = "me/<str:token>/matchmaking/"

urlpatterns = [
    path(ME, views.hub, name="hub"),
    path(f"{ME}opt-out/", views.opt_out, name="opt_out"),
    path(f"{ME}profile/", views.profile_edit, name="profile"),
    path(f"{ME}profiles/", views.profiles, name="profiles"),
    path(f"{ME}profiles/<int:profile_id>/", views.profile_detail, name="profile_detail"),
    path(f"{ME}recommendations/", views.recommendations, name="recommendations"),
    path(f"{ME}request/<int:profile_id>/", views.request_send, name="request_send"),
    path(f"{ME}requests/<int:request_id>/accept/", views.request_accept, name="request_accept"),
    path(f"{ME}requests/<int:request_id>/decline/", views.request_decline, name="request_decline"),
    path(f"{ME}requests/<int:request_id>/cancel/", views.request_cancel, name="request_cancel"),
    path(f"{ME}meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(f"{ME}meetings/<int:meeting_id>/outcome/", views.meeting_outcome, name="meeting_outcome"),
    path(f"{ME}agenda/", views.agenda, name="agenda"),
    path(f"{ME}agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path(f"{ME}agenda.ics", views.agenda_ics, name="agenda_ics"),
    path(f"{ME}consultations/", views.consultations, name="consultations"),
    path(
        f"{ME}consultations/<int:slot_id>/book/",
        views.consultation_book,
        name="consultation_book",
    ),
    path(
        f"{ME}consultations/<int:slot_id>/cancel/",
        views.consultation_cancel,
        name="consultation_cancel",
    ),
]
