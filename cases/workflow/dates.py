"""How far a date typed into a move may lie from the attempt's simulated date.

A planned date of 9999-12-31 was accepted; `start_repair` then moved the simulated date there
and added the days until hidden damage shows, past the last date Python knows: an OverflowError
on every try, the attempt stuck for good. No step of a repair lies years away, so a typed date
is held within `MOVE_DATE_WINDOW` either side of the simulated date, by the move forms (a field
error, page and API alike) and by the moves themselves (for any other caller).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

MOVE_DATE_WINDOW = dt.timedelta(days=2 * 365)


def date_in_window(value: dt.date, simulated_date: dt.date) -> bool:
    return simulated_date - MOVE_DATE_WINDOW <= value <= simulated_date + MOVE_DATE_WINDOW


def window_message(simulated_date: dt.date) -> str:
    first = simulated_date - MOVE_DATE_WINDOW
    last = simulated_date + MOVE_DATE_WINDOW
    return _("Kies een datum tussen %(first)s en %(last)s (binnen twee jaar van %(today)s).") % {
        "first": first.strftime("%d-%m-%Y"),
        "last": last.strftime("%d-%m-%Y"),
        "today": simulated_date.strftime("%d-%m-%Y"),
    }
