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
    if edition_id is None:
        find = _edition_finders.get(type(instance))
        if find is not None:
            edition_id = find(instance)
    return edition_id


# model class -> function finding the edition of an instance that has no edition_id of its own
_edition_finders: dict = {}


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


def edition_content(*labels: str, edition_id_of=None) -> None:
    """Make a save or delete of any of these models (``"app.Model"``) bump its edition's
    content version. Apps above ``events`` call this in their ``AppConfig.ready()`` for the
    models that public pages show; ``edition_id_of(instance)`` finds the edition of a model
    without an ``edition_id``."""
    from django.apps import apps

    for label in labels:
        model = apps.get_model(label)
        if edition_id_of is not None:
            _edition_finders[model] = edition_id_of
        post_save.connect(_on_change, sender=model, dispatch_uid=f"kongres-cache-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"kongres-cache-del-{label}")


def connect():
    from django.apps import apps

    edition_content("events.Edition", "events.Partner", "events.PartnerTier")
    for label in ("events.Venue", "events.Organisation", "events.Series"):
        model = apps.get_model(label)
        post_save.connect(_on_shared_change, sender=model, dispatch_uid=f"kongres-cache-{label}")
