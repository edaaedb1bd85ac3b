"""Table-model instances built as SQLAlchemy builds the rows it loads, not through the constructor.

A SQLModel table model's constructor sets each field through SQLAlchemy's instrumentation and then pydantic's
`__setattr__`: about 25 µs for a dozen fields, paid for every row a consumer places (issue 17's pipeline: scoring's
debtors, cases and invoices, dunning's cases and steps, thousands a second). `new_row` makes the instance the way
SQLAlchemy makes one it reads from the database (SQLModel supports it: its `__new__` prepares pydantic's state for
that path) and fills in the values and the model's defaults at once: about 2.5 µs. The instance is transient like a
constructed one: added to a session, it is inserted with these values; a field changed afterwards is tracked and
updated. Nothing is validated, as the constructor of a table model validates nothing either."""

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
