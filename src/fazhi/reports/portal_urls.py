from django.urls import path

from fazhi.reports import portal_views

app_name = "reports_portal"
urlpatterns = [
    path("", portal_views.report_list, name="list"),
    path("<int:pk>/", portal_views.report_detail, name="detail"),
    path("<int:pk>/word/", portal_views.report_docx, name="docx"),
]
