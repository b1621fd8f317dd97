"""Page: what the saved alerts fired, unread first, with the watched sources' last and next polls.

Read-only: marking alerts read is `newsgraph alerts fired --mark-read` (a write needs the token).
Register with ``app.include_router(views_alerts.router())`` (``newsgraph.web.install``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import State
from newsgraph.web.pages import make_pager
from newsgraph.web.render import render

PAGE = 50


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/alerts")
    def alerts(request: Request, state: State,
               unread: Annotated[bool, Query()] = False,
               offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:  # fmt: skip
        from newsgraph.watch.progress import clock_time
        from newsgraph.watch.registry import list_alerts
        from newsgraph.watch.state import WatchDB

        store = state.get_store()
        db = WatchDB(store)
        fired = db.fired(unread_only=unread, limit=PAGE, offset=offset)
        total = db.count_fired(unread_only=unread)
        pager = make_pager("/alerts", {"unread": "1"} if unread else {}, total, PAGE, offset, len(fired))
        return render(request, "alerts.html", fired=fired, alerts=list_alerts(store), sources=db.sources(),
                      unread=unread, n_unread=db.count_fired(unread_only=True), pager=pager,
                      clock_time=clock_time)  # fmt: skip

    return pages
