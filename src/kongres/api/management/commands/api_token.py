"""``kongres api_token EDITION USERNAME --scope ... [--days N]``: issue a token, print it once."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kongres.api.enums import ApiScope
from kongres.api.services import ApiTokenError, api_token_create
from kongres.events.models import Edition


class Command(BaseCommand):
    help = "Issue an API token of a team member for an edition; the secret is printed once."

    def add_arguments(self, parser):
        parser.add_argument("edition", help="edition slug")
        parser.add_argument("username")
        parser.add_argument(
            "--scope",
            action="append",
            choices=ApiScope.values,
            help="repeat for several; default: every read scope",
        )
        parser.add_argument("--days", type=int, default=90, help="lifetime in days (90)")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, **options):
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"No edition {options['edition']!r}.")
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        scopes = options["scope"] or [s for s in ApiScope.values if s.endswith(":read")]
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        try:
            _token, secret = api_token_create(
                edition=edition,
                user=user,
                name=options["name"],
                scopes=scopes,
                expires_at=timezone.now() + timedelta(days=options["days"]),
            )
        except ApiTokenError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(secret)
