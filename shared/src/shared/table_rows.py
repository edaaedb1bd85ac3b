"""Table-model instances built as SQLAlchemy builds the rows it loads, not through the constructor.

A SQLModel table model's constructor sets each field through SQLAlchemy's instrumentation and then pydantic's
`__setattr__`: about 25 µs for a dozen fields, paid for every row a consumer places (issue 17's pipeline: scoring's
debtors, cases and invoices, dunning's cases and steps, thousands a second). `new_row` makes the instance the way
SQLAlchemy makes one it reads from the database (SQLModel supports it: its `__new__` prepares pydantic's state for
that path) and fills in the values and the model's defaults at once: about 2.5 µs. The instance is transient like a
constructed one: added to a session, it is inserted with these values; a field changed afterwards is tracked and
updated. Nothing is validated, as the constructor of a table model validates nothing either.

`SetOnce` does the same for a field set afterwards: SQLModel's `__setattr__` gives the value to SQLAlchemy's
instrumentation, which tracks the change and keeps the value in the instance's `__dict__`, then to pydantic's, which
stores it in that same `__dict__` again: 1.1 µs a field, against 0.4 µs for the first alone. Scoring sets about thirty
fields for each case it places and scores (10 % of its consumer in py-spy, issue 17's pipeline)."""

from __future__ import annotations

import copy
import datetime
import uuid
from collections.abc import Callable
from decimal import Decimal
from functools import cache, partial
from typing import Any, TypeVar, cast

from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import SQLModel

M = TypeVar("M", bound=SQLModel)

# Defaults shared by every instance without a copy: nothing can change them in place.
_IMMUTABLE = (type(None), bool, int, float, str, Decimal, datetime.date, datetime.datetime, uuid.UUID)


def new_row(model: type[M], **values: Any) -> M:
    """An instance of the table model `model` holding `values` (by field name) and the model's defaults for the
    others, as `model(**values)` would hold them."""
    fields, constants, computed = _defaults(model)
    unknown = values.keys() - fields
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    instance = manager_of_class(model).new_instance()
    state = instance.__dict__
    state.update(constants)
    for name, default in computed.items():
        if name not in values:
            state[name] = default()
    state.update(values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    return instance


@cache
def _defaults(model: type[SQLModel]) -> tuple[frozenset[str], dict[str, Any], dict[str, Callable[[], Any]]]:
    """The model's field names, its defaults shared as they are, and those computed for each instance (a factory's,
    or a copy of a mutable default, as pydantic gives them)."""
    if model.__sqlmodel_relationships__:
        raise TypeError(f"{model.__name__} has relationships: build it with its constructor")
    constants: dict[str, Any] = {}
    computed: dict[str, Callable[[], Any]] = {}
    for name, field in model.model_fields.items():
        if field.is_required():
            continue
        if field.default_factory is not None:
            if field.default_factory_takes_validated_data:
                raise TypeError(
                    f"{model.__name__}.{name}: a default computed from the other fields needs the constructor"
                )
            # asked once here: pydantic's `get_default` inspects the factory's signature on every call
            computed[name] = cast(Callable[[], Any], field.default_factory)
        elif isinstance(field.default, _IMMUTABLE):
            constants[name] = field.default
        else:
            computed[name] = partial(copy.deepcopy, field.default)  # as pydantic copies a mutable default
    return frozenset(model.model_fields), constants, computed


class SetOnce:
    """A table model whose fields are set once (put before `SQLModel` in its bases): through SQLAlchemy's
    instrumentation, which tracks the change as SQLModel's own `__setattr__` has it tracked, and into pydantic's set
    of the fields given; nothing else, as a table model validates no assignment. A relationship, or a name that is
    not a mapped field, is left to SQLModel."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        state = self.__dict__.get("_sa_instance_state")
        relationships = getattr(type(self), "__sqlmodel_relationships__", ())
        if state is not None and name not in relationships and (attribute := state.manager.get(name)) is not None:
            attribute.impl.set(state, state.dict, value, None)
            self.__pydantic_fields_set__.add(name)  # type: ignore[attr-defined]  # a SQLModel's, which this precedes
            return
        super().__setattr__(name, value)
