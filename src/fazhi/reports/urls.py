from django.urls import path

from fazhi.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.ReportList.as_view(), name="list"),
    path("new/", views.report_create, name="create"),
    path("annual/", views.annual_for, name="annual"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/header/", views.report_header, name="header"),
    path("<int:pk>/<str:action>/", views.report_transition, name="transition"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("sections/<int:pk>/", views.section_edit, name="section_edit"),
    path("submissions/", views.SubmissionList.as_view(), name="submission_list"),
    path("submissions/new/", views.submission_create, name="submission_create"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
]
