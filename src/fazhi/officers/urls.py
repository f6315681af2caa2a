from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.officers import views

app_name = "officers"
urlpatterns = [
    path("", views.OfficerList.as_view(), name="officer_list"),
    path("new/", views.officer_create, name="officer_create"),
    path("import/", views.OfficerImport.as_view(), name="import"),
    path("training/import/", views.TrainingImport.as_view(), name="training_import"),
    path("<int:pk>/", views.officer_detail, name="officer_detail"),
    step_path("<int:pk>/", views.officer_step, "officer_step"),
    path("certificates/", views.CertificateList.as_view(), name="certificate_list"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    step_path("certificates/<int:pk>/", views.certificate_step, "certificate_step"),
    path("subjects/", views.SubjectList.as_view(), name="subject_list"),
    path("subjects/new/", views.subject_create, name="subject_create"),
    path("subjects/import/", views.SubjectImport.as_view(), name="subject_import"),
    path("subjects/<int:pk>/", views.subject_detail, name="subject_detail"),
    step_path("subjects/<int:pk>/", views.subject_step, "subject_step"),
    path("requirements/<int:pk>/", views.requirement, name="requirement"),
]
