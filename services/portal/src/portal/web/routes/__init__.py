"""The web pages' routers, each a part of the site."""

from __future__ import annotations

from fastapi import APIRouter

from portal.web.routes import cases, session_pages

ROUTERS: tuple[APIRouter, ...] = (session_pages.router, cases.router)
