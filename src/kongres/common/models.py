"""Base model mixins shared by every domain app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ExampleDataModel(models.Model):
    """Marks demo records that the seed article does not state and we made up."""

    is_example_data = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Fictional demo content, not taken from an official source."),
    )

    class Meta:
        abstract = True
