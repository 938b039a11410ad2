from django.contrib import admin
from django.urls import include, path

from lpip_hub import views

admin.site.site_header = "LPIP Evidence Hub administration"
admin.site.site_title = "LPIP Evidence Hub admin"
admin.site.index_title = "Evidence, places and partnerships"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("partnerships.urls")),
    path("", include("reviews.urls")),
]
