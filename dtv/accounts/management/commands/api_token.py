"""Issue, rotate, revoke and list API tokens. The key is printed once, at issue or rotation."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dtv.accounts.models import ApiToken, User
from dtv.accounts.tokens import api_token_issue, api_token_revoke, api_token_rotate, api_tokens_of


def _user(username):
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"No account {username!r}.") from None


def _token(prefix):
    tokens = list(ApiToken.objects.filter(prefix=prefix).select_related("user"))
    if len(tokens) != 1:
        raise CommandError(f"No single token starts with {prefix!r} ({len(tokens)} found).")
    return tokens[0]


class Command(BaseCommand):
    help = "Manage API tokens: issue USERNAME | rotate PREFIX | revoke PREFIX | list USERNAME (always --by YOU)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["issue", "rotate", "revoke", "list"])
        parser.add_argument("target", help="the account's username (issue, list) or the token's prefix")
        parser.add_argument("--by", required=True, help="your own username: who issued or revoked is recorded")
        parser.add_argument("--days", type=int, default=None, help="lifetime in days (default API_TOKEN_LIFETIME_DAYS)")
        parser.add_argument("--overlap-days", type=int, default=7, help="rotate: how long the old token still works")

    def handle(self, action, target, by, days, overlap_days, **options):
        actor, now = _user(by), timezone.now()
        lifetime = dt.timedelta(days=days) if days is not None else None
        try:
            if action == "issue":
                self._print_key(api_token_issue(user=_user(target), actor=actor, now=now, lifetime=lifetime))
            elif action == "rotate":
                overlap = dt.timedelta(days=overlap_days)
                self._print_key(
                    api_token_rotate(token=_token(target), actor=actor, now=now, overlap=overlap, lifetime=lifetime)
                )
            elif action == "revoke":
                token = api_token_revoke(token=_token(target), actor=actor, now=now)
                self.stdout.write(
                    f"Revoked {token.prefix}… of {token.user.username} at {token.revoked_at:%Y-%m-%d %H:%M}."
                )
            else:
                for token in api_tokens_of(_user(target)):
                    state = "revoked" if token.revoked_at else ("valid" if token.is_valid_at(now) else "expired")
                    self.stdout.write(
                        f"{token.prefix}…  {state:<8} issued {token.created_at:%Y-%m-%d}  "
                        f"expires {token.expires_at:%Y-%m-%d}"
                    )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None

    def _print_key(self, issued):
        token = issued.token
        self.stdout.write(f"Token for {token.user.username}, valid until {token.expires_at:%Y-%m-%d %H:%M %Z}.")
        self.stdout.write("It is shown only now; Regie keeps only its SHA-256. Hand it over safely:")
        self.stdout.write(f"Authorization: Token {issued.key}")
