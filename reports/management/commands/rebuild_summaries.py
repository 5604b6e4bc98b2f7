from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.summaries import summaries_rebuild


class Command(BaseCommand):
    help = "Empty the reports' summary tables and count every case event, LP transition and departure event again."

    def handle(self, *args, **options):
        result = summaries_rebuild(now=timezone.now())
        self.stdout.write(
            f"Counted {result.case_events} case events, {result.lp_transitions} LP transitions and "
            f"{result.departure_events} departure events "
            f"in {result.seconds:.2f} s."
        )
