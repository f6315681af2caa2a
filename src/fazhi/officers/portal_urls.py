from django.urls import path

from fazhi.officers import portal_views

app_name = "officers_portal"
urlpatterns = [
    path("subjects/", portal_views.subjects, name="subjects"),
    path("", portal_views.officers, name="officers"),
]
