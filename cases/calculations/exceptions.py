"""Domain exceptions of the calculation editor, each carrying API-shaped errors.

`errors` is always a list of `{"path", "message"}` (message in Dutch), the one error shape of the
API and of `calcengine`, so views and APIs pass them on unchanged.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class CalculationError(Exception):
    """Base class: a calculation operation refused, with the reasons as `errors`."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(e["message"] for e in errors))

    @property
    def message(self) -> str:
        return " ".join(e["message"] for e in self.errors)


class StaleDraft(CalculationError):
    """A save or submit that names an older draft version than the stored one: nothing is written."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            [
                {
                    "path": "version",
                    "message": _(
                        "Deze calculatie is intussen elders gewijzigd (versie %(version)s). "
                        "Uw wijzigingen zijn niet opgeslagen; kopieer ze en laad de nieuwste versie."
                    )
                    % {"version": current_version},
                }
            ]
        )


class CalculationLocked(CalculationError):
    """The attempt is finished, or its exam window has closed: its calculation takes no more
    changes."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            [
                {
                    "path": "",
                    "message": message
                    or _("Deze poging is afgerond; de calculatie kan niet meer worden gewijzigd."),
                }
            ]
        )


class CalculationInvalid(CalculationError):
    """Submit refused: the engine refuses the input (its errors, paths like `lines[3].unit_price`)."""


class AlreadySubmitted(CalculationError):
    """A second submit of the same draft as the same kind (a double click, a second tab)."""

    def __init__(self, *, kind_label: str, number: int) -> None:
        self.number = number
        super().__init__(
            [
                {
                    "path": "",
                    "message": _(
                        "Deze calculatie is al ingediend als %(kind)s (versie %(number)s); "
                        "er is niets nogmaals ingediend."
                    )
                    % {"kind": kind_label, "number": number},
                }
            ]
        )


class TooManyVersions(CalculationError):
    """The attempt holds `CALCULATION_VERSIONS_MAX_PER_ATTEMPT` versions: each one is frozen,
    diffed and may be printed, so an endless stream of submissions is refused (abuse limit)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            [
                {
                    "path": "",
                    "message": _(
                        "Deze poging heeft al %(limit)s ingediende calculaties, het maximum; "
                        "er kan geen nieuwe versie meer worden ingediend."
                    )
                    % {"limit": limit},
                }
            ]
        )
