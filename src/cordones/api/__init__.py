"""The JSON API (django-ninja). Endpoints parse input, call one selector or service, and
return schemas; the OpenAPI description is at /api/v1/openapi.json."""
