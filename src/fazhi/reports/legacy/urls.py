from django.urls import path

from fazhi.reports.legacy import views

app_name = "legacy"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("save/", views.save, name="save"),
    path("jobs/<uuid:pk>/", views.job_result, name="job_result"),
]
