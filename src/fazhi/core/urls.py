from django.urls import path

from fazhi.core import job_views, views

app_name = "core"
urlpatterns = [
    path("orgs/", views.OrganisationList.as_view(), name="org_list"),
    path("orgs/new/", views.org_create, name="org_create"),
    path("orgs/import/", views.OrganisationImport.as_view(), name="org_import"),
    path("orgs/<str:code>/", views.org_detail, name="org_detail"),
    path("orgs/<str:code>/edit/", views.org_edit, name="org_edit"),
    path("orgs/<str:code>/users/new/", views.user_create, name="user_create"),
    path("orgs/<str:code>/members/new/", views.membership_add, name="membership_add"),
    path("orgs/<str:code>/members/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("audit/", views.AuditList.as_view(), name="audit_list"),
    path("audit/<int:seq>/", views.audit_detail, name="audit_detail"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("jobs/", job_views.job_list, name="jobs"),
    path("jobs/<uuid:pk>/", job_views.job_detail, name="job"),
    path("jobs/<uuid:pk>/file/", job_views.job_file, name="job_file"),
]
