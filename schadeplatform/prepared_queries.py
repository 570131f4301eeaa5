"""Queries on the hot path whose SQL Django composes once, then runs with new values.

Composing a query (filters, joins, `only`, `select_related`, the compiler) costs Django far more
CPU than running it: of an autosave, the session, the user and the attempt with its visibility
rule were half the request (docs/decisions.md, issue #17). A `PreparedQuery` keeps the queryset as
the one place its rule is written (the selector builds it as it always did) and remembers, per
database connection and per *shape*, the SQL the compiler produced and where each argument goes
in its parameters. The next call only runs that SQL and builds the instances as Django's own
`ModelIterable` does (`select_related` objects, deferred fields, converters such as JSON's).

How the parameters are found, so that nothing is frozen by mistake: the queryset is built twice,
from the call's arguments and from a perturbed copy of them (another number, string, moment or
primary key). The two must give the same SQL; each parameter must either be the same in both (a
constant of the rule) or be exactly one argument's value in each. Anything else (a parameter that
depends on the clock, a value converted on the way, an argument that changes the SQL) refuses to
prepare, loudly. What changes the SQL's form (a user's role in a visibility rule) is named by the
`shape` function and prepared once per shape. With `PREPARED_QUERIES_VERIFY` on (the tests'
settings), every call also builds the queryset as before and checks that SQL and parameters agree.
"""

from __future__ import annotations

import copy
import datetime as dt
import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import MAX_GET_RESULTS, get_related_populators

M = TypeVar("M", bound=Model)

_INT_STEP = 1_000_003


def _perturbed(value: Any, position: int) -> Any:
    """Another value of the same kind, that no query holds as a constant by chance, and that
    no other argument's perturbed value equals (two arguments may be equal: user 1, attempt 1)."""
    if isinstance(value, Model):
        other = copy.copy(value)
        other.pk = _perturbed(value.pk, position)
        return other
    if isinstance(value, bool) or value is None:
        raise ImproperlyConfigured(f"A prepared query cannot take {value!r} as an argument.")
    if isinstance(value, int):
        return value + _INT_STEP * (position + 1)
    if isinstance(value, str):
        return f"{value}~prepared{position}"
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(days=position + 1, microseconds=1)
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=position + 1)
    raise ImproperlyConfigured(f"A prepared query cannot take a {type(value).__name__}.")


def _sql_value(value: Any) -> Any:
    return value.pk if isinstance(value, Model) else value


def _out_of_range(value: Any) -> bool:
    """A number outside a 32-bit integer column's range: the ORM knows each column's range (and
    answers "nothing matches" where the database would fail), so such a call goes its way."""
    return isinstance(value, int) and not -(2**31) <= value < 2**31


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # Per parameter: the argument's position, or None for a constant (then `constants` has it).
    slots: tuple[int | None, ...]
    constants: tuple[Any, ...]
    compiler: Any
    model: type[Model]
    fields_start: int
    fields_end: int
    init_list: tuple[str, ...]
    converters: Any
    populators: tuple[Any, ...]
    annotations: tuple[tuple[str, int], ...]


class PreparedQuery(Generic[M]):
    """`PreparedQuery(build, shape=...)`, then `.get(*args)` as `build(*args).get()` would, or
    `.all(*args)` as `list(build(*args))` would (the queryset's own order, every row).

    `build(*args)` returns the queryset, from its arguments alone. `shape(*args)` returns what
    decides the form of its SQL (default: nothing does). The arguments are model instances
    (their primary key is the value), numbers, strings, dates and moments, already of the type
    the column takes (a session's user id as the `int` it stands for, not its text).
    """

    def __init__(
        self,
        build: Callable[..., QuerySet[M]],
        *,
        shape: Callable[..., Hashable] | None = None,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        self.build = build
        self.name = getattr(build, "__qualname__", repr(build))
        self.shape = shape or (lambda *args: ())
        self.using = using
        # Per connection (one per thread), per shape: a compiler belongs to its connection.
        self._compiled: weakref.WeakKeyDictionary[Any, dict[Hashable, _Compiled]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, *args: Any) -> M:
        ran = self._run(args, one=True)
        if ran is None:
            # Nothing can match (`.none()`, a value no column holds): the ORM says so.
            return self.build(*args).get()
        model, objects = ran
        if len(objects) == 1:
            return objects[0]
        if not objects:
            raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
        raise model.MultipleObjectsReturned(
            f"get() returned more than one {model._meta.object_name} -- it returned "
            f"{len(objects) if len(objects) < MAX_GET_RESULTS else 'more than 20'}!"
        )

    def all(self, *args: Any) -> list[M]:
        ran = self._run(args, one=False)
        return list(self.build(*args)) if ran is None else ran[1]

    def _run(self, args: Sequence[Any], *, one: bool) -> tuple[type[M], list[M]] | None:
        """The model and its instances, or None where the ORM must answer (nothing can match,
        or a number outside its column's range)."""
        if any(_out_of_range(_sql_value(arg)) for arg in args):
            return None
        connection = connections[self.using]
        per_shape = self._compiled.setdefault(connection, {})
        key = (one, self.shape(*args))
        compiled = per_shape.get(key)
        if compiled is None:
            compiled = self._compile(args, one)
            if compiled is None:
                return None
            per_shape[key] = compiled
        params = [
            compiled.constants[i] if slot is None else _sql_value(args[slot])
            for i, slot in enumerate(compiled.slots)
        ]
        if getattr(settings, "PREPARED_QUERIES_VERIFY", False):
            self._verify(args, one, compiled, params)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return compiled.model, self._instances(compiled, rows)

    # -- composing once ------------------------------------------------------------------------

    def _queryset(self, args: Sequence[Any], one: bool) -> QuerySet[M]:
        # As QuerySet.get(): no ordering, at most MAX_GET_RESULTS rows; a list as it is.
        queryset = self.build(*args)
        return queryset.order_by()[:MAX_GET_RESULTS] if one else queryset

    def _sql(self, args: Sequence[Any], one: bool) -> tuple[Any, str, tuple[Any, ...]]:
        queryset = self._queryset(args, one)
        if queryset._prefetch_related_lookups:
            raise ImproperlyConfigured(f"{self.name}: a prepared query cannot prefetch.")
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        return compiler, sql, tuple(params)

    def _compile(self, args: Sequence[Any], one: bool) -> _Compiled | None:
        try:
            compiler, sql, params = self._sql(args, one)
        except EmptyResultSet:
            return None
        other_args = [_perturbed(arg, k) for k, arg in enumerate(args)]
        try:
            _, other_sql, other_params = self._sql(other_args, one)
        except (EmptyResultSet, ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                f"{self.name}: the parameters are not the arguments as they are ({exc})."
            ) from exc
        if sql != other_sql or len(params) != len(other_params):
            raise ImproperlyConfigured(
                f"{self.name}: its SQL depends on an argument's value; name it in `shape`."
            )
        values = [_sql_value(arg) for arg in args]
        other_values = [_sql_value(arg) for arg in other_args]
        slots: list[int | None] = []
        for value, other in zip(params, other_params, strict=True):
            if value == other:
                slots.append(None)
                continue
            found = [
                k
                for k, (a, b) in enumerate(zip(values, other_values, strict=True))
                if a == value and b == other and type(a) is type(value)
            ]
            if len(found) != 1:
                raise ImproperlyConfigured(
                    f"{self.name}: the parameter {value!r} is not one of the arguments as they "
                    "are (a value from the clock, or an argument converted on the way)."
                )
            slots.append(found[0])
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        return _Compiled(
            sql=sql,
            slots=tuple(slots),
            constants=params,
            compiler=compiler,
            model=klass_info["model"],
            fields_start=start,
            fields_end=end,
            init_list=tuple(f[0].target.attname for f in select[start:end]),
            converters=compiler.get_converters([s[0] for s in select[: compiler.col_count]]),
            # Stateless between rows and queries (ModelIterable makes them per query).
            populators=tuple(get_related_populators(klass_info, select, self.using)),
            annotations=tuple(compiler.annotation_col_map.items()),
        )

    def _verify(
        self, args: Sequence[Any], one: bool, compiled: _Compiled, params: list[Any]
    ) -> None:
        _, sql, fresh = self._sql(args, one)
        if sql != compiled.sql or list(fresh) != params:
            raise AssertionError(
                f"{self.name}: the prepared query no longer matches its queryset "
                f"(shape {self.shape(*args)!r}):\n{compiled.sql} {params}\n{sql} {list(fresh)}"
            )

    # -- running -------------------------------------------------------------------------------

    def _instances(self, compiled: _Compiled, rows: list[Any]) -> list[M]:
        """What ModelIterable makes of the rows (Django 5.2), for a query without
        prefetching or known related objects."""
        compiler = compiled.compiler
        if compiled.converters:
            rows = list(compiler.apply_converters(rows, compiled.converters))
        start, end = compiled.fields_start, compiled.fields_end
        objects = []
        for row in rows:
            obj = compiled.model.from_db(self.using, list(compiled.init_list), row[start:end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects
