from django.urls import path

from fazhi.normdocs import portal_views

app_name = "normdocs_portal"
urlpatterns = [
    path("", portal_views.index, name="index"),
    path("<int:pk>/", portal_views.document, name="document"),
    path("consultations/", portal_views.consultations, name="consultations"),
    path("consultations/<int:pk>/", portal_views.consultation, name="consultation"),
    path("cleanups/", portal_views.cleanups, name="cleanups"),
    path("cleanups/<int:pk>/", portal_views.cleanup, name="cleanup"),
]
