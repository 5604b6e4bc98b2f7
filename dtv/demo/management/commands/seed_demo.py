from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dtv.accounts.tokens import api_token_issue, api_tokens_of
from dtv.demo.accounts import DEMO_PASSWORD, seed_accounts
from dtv.demo.cases import DEFAULT_CASES, seed_cases, summary
from dtv.demo.departures import seed_departures, seed_operations
from dtv.demo.detention import seed_detention
from dtv.demo.staff import seed_staff


class Command(BaseCommand):
    help = "Create synthetic demo data (no real people). Idempotent: a second run keeps the data."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")
        parser.add_argument(
            "--cases",
            type=int,
            default=DEFAULT_CASES,
            help=f"How many demo cases should exist (default {DEFAULT_CASES}); only the missing ones are created.",
        )

    def handle(self, *args, force=False, cases=DEFAULT_CASES, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with a known password: only with DEBUG on, or --force.")
        if cases < 0:
            raise CommandError("--cases cannot be negative.")
        users = seed_accounts()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for user in users:
            team = f", {user.team.name}" if user.team else ""
            self.stdout.write(f"  {user.username:<18} {user.role_labels}{team}")
            if user.is_api_only:
                self._token(user)
        staff = seed_staff(case_count=cases, demo_users=users)
        report = seed_cases(count=cases, staff=staff, now=timezone.now(), progress=self._progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo cases: {report.existing} existed, {report.created} created "
                f"in {report.seconds:.1f} s ({len(staff.teams)} teams)."
            )
        )
        departures = seed_departures(now=timezone.now())
        self.stdout.write(self.style.SUCCESS(f"Demo departures: {departures} cases with a plan and removals added."))
        self.stdout.write(self.style.SUCCESS(f"Demo operations: {seed_operations(now=timezone.now())} added."))
        measures = seed_detention(now=timezone.now())
        if measures:
            self.stdout.write(self.style.SUCCESS(f"Demo supervision and detention: {measures} measures."))
        if report.created or options["verbosity"] > 1:
            self._summary()

    def _token(self, user):
        # Only a digest is stored: the key can be printed when it is made, never again.
        now = timezone.now()
        if any(token.is_valid_at(now) for token in api_tokens_of(user)):
            self.stdout.write(
                f"  {'':<18} API: token issued before (shown once); a new one: "
                f"manage.py api_token issue {user.username} --by beheerder"
            )
            return
        issued = api_token_issue(user=user, actor=None, now=now)
        self.stdout.write(f"  {'':<18} API: Authorization: Token {issued.key}")

    def _progress(self, done, total, seconds):
        if total >= 10_000:
            self.stdout.write(f"  {done:>8,} / {total:,} cases, {seconds:6.1f} s")

    def _summary(self):
        figures = summary()
        self.stdout.write("Rows (history rows):")
        for label, count in figures["rows"].items():
            history = figures["history_rows"].get(label)
            extra = f" ({history:,})" if history is not None else ""
            self.stdout.write(f"  {label:<36} {count:>10,}{extra}")
        self.stdout.write("Demo cases per source: " + ", ".join(f"{k} {v:,}" for k, v in figures["by_source"].items()))
        self.stdout.write("Demo cases per phase:  " + ", ".join(f"{k} {v:,}" for k, v in figures["by_phase"].items()))
        self.stdout.write(f"Live deadlines: {figures['live_deadlines']:,}")
