"""Reads of organisations, editions, venues and partners."""

import json

from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django_scopes import scopes_disabled

from kongres.events.enums import PERMISSION_KEYS, ROLE_PERMISSIONS, EditionStatus, PartnerRole
from kongres.events.models import Edition, Partner, TeamMember


def edition_public_get(*, slug: str) -> Edition:
    """A published or archived edition with what every public page shows, or 404."""
    try:
        return (
            Edition.objects.public().select_related("series__organisation", "venue").get(slug=slug)
        )
    except Edition.DoesNotExist:
        raise Http404("edition") from None


def edition_cache_stamp(*, slug: str) -> tuple[int, int, list[str]] | None:
    """(id, content version, languages) of a public edition, or None: the cache key's part.

    This runs on every public page view, cached or not, so it is one indexed lookup in plain
    SQL; the full edition is loaded only when the page has to be rendered.
    """
    table = Edition._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, content_version, locales FROM {table} "  # noqa: S608 (our table name)
            "WHERE slug = %s AND status IN (%s, %s)",
            [slug, EditionStatus.PUBLISHED, EditionStatus.ARCHIVED],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, version, locales = row
    if isinstance(locales, str):
        locales = json.loads(locales)
    return pk, version, list(locales or [])


def edition_current() -> Edition | None:
    """The edition the site opens on: the latest published one, else the latest archived."""
    published = Edition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-start_date")
    return published.first() or Edition.objects.public().order_by("-start_date").first()


def edition_archive_list() -> list[Edition]:
    return list(
        Edition.objects.public()
        .select_related("series", "venue")
        .order_by("series__slug", "-start_date")
    )


def partners_by_role(*, edition: Edition) -> list[tuple[str, list[Partner]]]:
    """Partners grouped by role in the order the roles are listed, each group by tier."""
    partners = (
        Partner.objects.filter(edition=edition)
        .select_related("tier")
        .order_by("tier__rank", "order", "name")
    )
    groups: dict[str, list[Partner]] = {role: [] for role in PartnerRole.values}
    for partner in partners:
        groups[partner.role].append(partner)
    return [(PartnerRole(role).label, items) for role, items in groups.items() if items]


def partners_featured(*, edition: Edition) -> list[Partner]:
    roles = [PartnerRole.ORGANISER, PartnerRole.STRATEGIC_PARTNER, PartnerRole.CO_ORGANISER]
    partners = Partner.objects.filter(edition=edition, role__in=roles)
    return sorted(partners, key=lambda p: (roles.index(p.role), p.order, p.name))


def edition_prefetch_partners() -> Prefetch:
    return Prefetch("partners", queryset=Partner.objects.select_related("tier"))


def team_permissions_get(*, user, edition_id: int) -> frozenset[str]:
    """The permission keys a user holds in an edition's team (superusers hold all)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(PERMISSION_KEYS)
    with scopes_disabled():  # filtered by the edition explicitly
        roles = list(
            TeamMember.objects.filter(edition_id=edition_id, user_id=user.pk)
            .order_by()
            .values_list("role", flat=True)[:1]
        )
    return ROLE_PERMISSIONS.get(roles[0], frozenset()) if roles else frozenset()


def team_editions_with_permission(*, user, key: str) -> list[Edition]:
    """Editions in which a user holds a permission key, newest first."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return list(Edition.objects.order_by("-start_date"))
    roles = [role for role, keys in ROLE_PERMISSIONS.items() if key in keys]
    with scopes_disabled():
        ids = TeamMember.objects.filter(user_id=user.pk, role__in=roles).values("edition_id")
    return list(Edition.objects.filter(pk__in=ids).order_by("-start_date"))
