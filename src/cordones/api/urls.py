from ninja import NinjaAPI
from ninja.security import django_auth

from cordones.api.routers import assemblies, members

# The browsable documentation at /api/v1/docs is django-ninja's Swagger UI, served from
# the package's own static files (ninja is in INSTALLED_APPS, so no CDN) with no inline
# script: it loads under our Content-Security-Policy.
api = NinjaAPI(
    title="Cordones API", version="1", auth=django_auth, docs_url="/docs", urls_namespace="api"
)
api.add_router("/", members.router)
api.add_router("/", assemblies.router)
