"""What the registration admin pages share: read-only inlines, export formats, file names."""

from kongres.common.admin import KongresTabularInline
from kongres.events.admin_access import EditionTeamAdminMixin

EXPORT_FORMATS = "csv|xlsx"


class _ReadOnlyInline(EditionTeamAdminMixin, KongresTabularInline):
    team_view_keys = ("event.registrations:read",)

    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _filename_edition(queryset) -> str:
    slugs = list(queryset.order_by().values_list("edition__slug", flat=True).distinct()[:2])
    return slugs[0] if len(slugs) == 1 else "all-editions"
