from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from dtv.demo.accounts import DEMO_PASSWORD, seed_accounts


class Command(BaseCommand):
    help = "Create synthetic demo data (no real people). Idempotent: a second run keeps the data."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with a known password: only with DEBUG on, or --force.")
        users = seed_accounts()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for user in users:
            team = f", {user.team.name}" if user.team else ""
            self.stdout.write(f"  {user.username:<18} {user.role_labels}{team}")
            if user.is_api_only:
                token, _ = Token.objects.get_or_create(user=user)
                self.stdout.write(f"  {'':<18} API: Authorization: Token {token.key}")
