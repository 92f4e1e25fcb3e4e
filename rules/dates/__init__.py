"""D: publication dates: missing, impossible, in the future, glued into text, unanchored, mixed formats."""
from .date_format_mix import DateFormatMix
from .future_date import FutureDate
from .glued_date import GluedDate
from .invalid_date import InvalidDate
from .missing_date import MissingDate
from .unanchored_relative_date import UnanchoredRelativeDate

RULES = [MissingDate, InvalidDate, FutureDate, GluedDate, UnanchoredRelativeDate, DateFormatMix]
