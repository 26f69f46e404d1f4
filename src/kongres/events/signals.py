"""Cache plumbing: any write to an edition's content makes its public pages stale."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from kongres.events.models import Edition


def bump_content_version(edition_id: int | None) -> None:
    if edition_id:
        Edition.objects.filter(pk=edition_id).update(content_version=F("content_version") + 1)


def _edition_id_of(instance) -> int | None:
    if isinstance(instance, Edition):
        return instance.pk
    edition_id = getattr(instance, "edition_id", None)
    if edition_id is None and getattr(instance, "session_id", None):
        from kongres.program.models import Session

        # The base manager is unscoped; the session may already be gone in a cascade.
        edition_id = (
            Session._base_manager.filter(pk=instance.session_id)
            .values_list("edition_id", flat=True)
            .first()
        )
    return edition_id


def _on_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    bump_content_version(_edition_id_of(instance))


def _on_shared_change(sender, instance, **kwargs):
    """Venues and organisations are shared by editions: every edition using them is stale."""
    if kwargs.get("raw"):
        return
    from kongres.events.models import Organisation, Venue

    if isinstance(instance, Venue):
        editions = Edition.objects.filter(venue=instance)
    elif isinstance(instance, Organisation):
        editions = Edition.objects.filter(series__organisation=instance)
    else:
        editions = Edition.objects.filter(series=instance)
    editions.update(content_version=F("content_version") + 1)


def connect():
    from django.apps import apps

    for label in ("events.Edition", "events.Partner", "events.PartnerTier"):
        model = apps.get_model(label)
        post_save.connect(_on_change, sender=model, dispatch_uid=f"kongres-cache-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"kongres-cache-del-{label}")
    for label in ("events.Venue", "events.Organisation", "events.Series"):
        model = apps.get_model(label)
        post_save.connect(_on_shared_change, sender=model, dispatch_uid=f"kongres-cache-{label}")
    for label in (
        "program.Day",
        "program.Room",
        "program.Theme",
        "program.Session",
        "program.Speaker",
        "program.SessionSpeaker",
        # The registration form is cached per content version too.
        "registration.Category",
        "registration.ConsentText",
        "registration.Question",
        "visits.StudyVisit",
    ):
        model = apps.get_model(label)
        post_save.connect(_on_change, sender=model, dispatch_uid=f"kongres-cache-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"kongres-cache-del-{label}")
