import datetime as dt

from corpuslint.errors import ConfigError
from corpuslint.rule import DocumentRule, Option


class FutureDate(DocumentRule):
    """A publication date after today.

    Why it matters: a date in the future is a parsing error (day and month
    swapped, a two-digit year read in the wrong century) or a placeholder, and
    it puts the article at the wrong end of every timeline.

    Example: ``date 2031-04-01`` in a corpus linted in 2026.

    ``reference-date`` fixes "today" (``2026-11-22``) so that CI runs give the
    same output every day; empty means the day of the run. ``tolerance-days``
    allows for time zones and embargoed stories.
    """

    code = "D003"
    name = "future-date"
    severity = "warning"
    options = {
        "reference-date": Option("", "ISO date used as today; empty for the real date"),
        "tolerance-days": Option(1, "days after the reference date still accepted", minimum=0),
    }

    def setup(self):
        if self.opts.reference_date:
            try:
                self.today = dt.date.fromisoformat(self.opts.reference_date)
            except ValueError:
                raise ConfigError(f"rule {self.code} option 'reference-date' must be an ISO date "
                                  f"like 2026-11-22, not {self.opts.reference_date!r}") from None
        else:
            self.today = dt.date.today()
        self.latest = self.today + dt.timedelta(days=self.opts.tolerance_days)

    def check(self, doc):
        for mention in doc.publication_dates:
            if mention.value is not None and mention.value > self.latest:
                span = mention.span
                yield self.finding(span.field, span.start, span.end,
                                   f"date {mention.value.isoformat()} is in the future "
                                   f"(today is {self.today.isoformat()}); correct it from the source "
                                   "(day and month swapped? a two-digit year in the wrong century?)")
