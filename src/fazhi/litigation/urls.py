from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.litigation import views

app_name = "litigation"
urlpatterns = [
    path("", views.CaseList.as_view(), name="list"),
    path("new/", views.create, name="create"),
    path("import/", views.CaseImport.as_view(), name="import"),
    path("stats/", views.stats, name="stats"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    step_path("<int:pk>/", views.step, "step"),
    step_path("<int:pk>/suggestions/<int:sid>/", views.suggestion_step, "suggestion_step"),
]
