"""The LP table per country, hand-counted from requests moved through the laissez-passer services."""

import datetime as dt

from laissezpasser import services
from laissezpasser.constants import Answer, Channel, WithdrawalReason
from reports import statistics
from reports.statistics import Period
from tests.factories.laissezpasser import NOW, moroccan_case, submitted_request

from .streams import counted


def answer(request, state, on):
    return services.request_record_answer(
        request=request, answer=state, on=on, channel=Channel.POST, actor=request.case.case_officer, now=NOW
    )


class TestLpTable:
    def test_counts_submissions_withdrawals_and_first_answers_on_their_dates(self, db):
        confirmed = submitted_request(moroccan_case(), on=dt.date(2026, 1, 10))
        answer(confirmed, Answer.NATIONALITY_CONFIRMED, dt.date(2026, 1, 20))  # 10 days
        answer(confirmed, Answer.NOT_ESTABLISHED, dt.date(2026, 2, 1))  # a second answer: not counted
        refused = submitted_request(moroccan_case(), on=dt.date(2026, 3, 1))
        answer(refused, Answer.NOT_NATIONAL, dt.date(2026, 3, 31))  # 30 days
        waiting = submitted_request(moroccan_case(), on=dt.date(2026, 4, 1))
        services.request_withdraw(
            request=waiting,
            reason=WithdrawalReason.NO_ANSWER,
            on=dt.date(2026, 10, 1),
            actor=waiting.case.case_officer,
            now=NOW,
        )
        submitted_request(moroccan_case(), on=dt.date(2025, 12, 31))  # the year before
        counted()
        table = statistics.lp_table(Period.year(2026))
        assert table.rows == [["Morocco", 3, 1, 1, 1, 20.0]]
        assert table.total == ["Total", 3, 1, 1, 1, 20.0]
        assert statistics.lp_table(Period.year(2025)).rows == [["Morocco", 1, 0, 0, 0, None]]
