from django.urls import path

from fazhi.enforcement import portal_views

app_name = "enforcement_portal"
urlpatterns = [
    path("", portal_views.decisions, name="list"),
    path("yearbook/", portal_views.yearbook, name="yearbook"),
]
