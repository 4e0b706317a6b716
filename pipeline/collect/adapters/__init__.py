"""The site adapters, by name (`ocop sources` lists them; `ocop crawl NAME` runs one)."""
from __future__ import annotations

from .base import Adapter
from .generic import Generic, generic

ADAPTERS: dict[str, type[Adapter]] = {}


def register(cls: type[Adapter]) -> type[Adapter]:
    ADAPTERS[cls.NAME] = cls
    return cls


def make(name: str, base_url: str | None = None) -> Adapter:
    cls = ADAPTERS[name]
    return cls(cls.NAME, cls.DESCRIPTION, list(cls.START_PATHS), base_url or cls.BASE_URL)


def site_kind(name: str | None) -> str:
    """What kind of site a crawl source is: "portal" (a body's own site), "legal database"
    or "news site"; a generic crawl is a portal's."""
    return getattr(ADAPTERS.get(name or ""), "SITE_KIND", "portal")


# Each adapter module registers itself on import.
from . import (  # noqa: E402, F401
    legal_database,
    liferay_vbpq,
    luatvietnam,
    news_site,
    ocop_portal,
    thuvienphapluat,
    vanban_chinhphu,
    vanban_portal,
)

__all__ = ["ADAPTERS", "Adapter", "Generic", "generic", "make", "register", "site_kind"]
