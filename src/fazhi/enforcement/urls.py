from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.CaseList.as_view(), name="list"),
    path("new/", views.create, name="create"),
    path("import/", views.DecisionImport.as_view(), name="import"),
    path("yearbook/", views.yearbook_page, name="yearbook"),
    path("standards/", views.StandardList.as_view(), name="standards"),
    path("standards/import/", views.StandardImport.as_view(), name="standard_import"),
    path("standards/<int:pk>/", views.standard_detail, name="standard"),
    path("reviews/", views.RoundList.as_view(), name="rounds"),
    path("reviews/new/", views.round_create, name="round_create"),
    path("reviews/<int:pk>/", views.round_detail, name="round"),
    step_path("reviews/<int:pk>/", views.round_step, "round_step"),
    path("reviews/files/<int:pk>/", views.review_file, name="review_file"),
    step_path("reviews/files/<int:pk>/", views.review_file_step, "review_file_step"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/evidence/", views.add_evidence, name="evidence"),
    path("<int:pk>/evidence/<int:eid>/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/decision.docx", views.decision_document, name="decision_docx"),
    step_path("<int:pk>/", views.step, "step"),
]
