"""Remove a user's authenticator app and recovery codes (a lost phone); they add a new app at the next login."""

import logging

from django.core.management.base import BaseCommand, CommandError

from dtv.accounts.models import User
from dtv.accounts.twofactor import second_factor_reset

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Reset the second factor of USERNAME (lost phone): app and recovery codes removed, sessions ended."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--by", required=True, help="your own username: who reset it is logged")

    def handle(self, username, by, **options):
        users = {user.username: user for user in User.objects.filter(username__in=[username, by])}
        if username not in users or by not in users:
            raise CommandError(f"No account {username if username not in users else by!r}.")
        second_factor_reset(user=users[username])
        logger.info("second factor reset user=%s by=%s", users[username].pk, users[by].pk)
        self.stdout.write(f"The second factor of {username} is reset; every session of {username} has ended.")
