from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.reconsideration import views

app_name = "reconsideration"
urlpatterns = [
    path("", views.CaseList.as_view(), name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("import/", views.CaseImport.as_view(), name="case_import"),
    path("board/", views.board, name="board"),
    path("stats/", views.stats, name="stats"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    step_path("cases/<int:pk>/", views.case_step, "case_step"),
    path("cases/<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/issue/", views.document_issue, name="document_issue"),
    step_path("documents/<int:pk>/", views.document_step, "document_step"),
    path("documents/<int:pk>/docx/", views.document_download, name="document_download"),
    path("letters/", views.LetterList.as_view(), name="letter_list"),
    path("letters/new/", views.letter_create, name="letter_create"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/reply/", views.letter_reply, name="letter_reply"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    step_path("reviews/<int:pk>/", views.review_step, "review_step"),
]
