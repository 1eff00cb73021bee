from ninja import NinjaAPI
from ninja.security import django_auth

from cordones.api.routers import assemblies, members

# docs_url=None: the interactive docs page would need inline scripts our CSP forbids;
# the OpenAPI description itself is served.
api = NinjaAPI(
    title="Cordones API", version="1", auth=django_auth, docs_url=None, urls_namespace="api"
)
api.add_router("/", members.router)
api.add_router("/", assemblies.router)
