from django.urls import path

from fazhi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("orgs/", views.orgs, name="orgs"),
    path("audit-anchor/", views.audit_anchor, name="audit_anchor"),
]
