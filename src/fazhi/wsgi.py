"""WSGI entry point (`fazhi serve` runs it under waitress)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
os.umask(0o077)  # files the server writes (uploads, documents, a new SQLite file) are the owner's only
application = get_wsgi_application()
