from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.summaries import summaries_rebuild


class Command(BaseCommand):
    help = (
        "Empty the reports' summary tables and count every case event, LP transition, departure event, court step "
        "and change of the complaints register again."
    )

    def handle(self, *args, **options):
        result = summaries_rebuild(now=timezone.now())
        self.stdout.write(
            f"Counted {result.case_events} case events, {result.lp_transitions} LP transitions, "
            f"{result.departure_events} departure events, {result.court_steps} court steps and "
            f"{result.complaint_changes} complaint changes "
            f"in {result.seconds:.2f} s."
        )
