"""The web API and UI server (FastAPI): ``create_app`` builds it, ``kronik serve`` runs it."""

from kronik.api.app import create_app

__all__ = ["create_app"]
