from django.contrib import admin
from django.urls import include, path

from cordones.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("cordones.web.urls")),
]

handler400 = "cordones.web.views.errors.bad_request"
handler404 = "cordones.web.views.errors.page_not_found"
handler500 = "cordones.web.views.errors.server_error"
