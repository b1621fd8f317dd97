"""The page tests reuse the API tests' fixture store and client."""

from api.conftest import build_store, client, settings, store_url  # noqa: F401
