from django.urls import path

from fazhi.litigation import views

app_name = "litigation"
urlpatterns = [
    path("", views.CaseList.as_view(), name="list"),
    path("new/", views.create, name="create"),
    path("import/", views.CaseImport.as_view(), name="import"),
    path("stats/", views.stats, name="stats"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/hearing/", views.hearing, name="hearing"),
    path("<int:pk>/judgment/", views.judgment, name="judgment"),
    path("<int:pk>/appeal/", views.appeal, name="appeal"),
    path("<int:pk>/appeal/decision/", views.appeal_decision, name="appeal_decision"),
    path("<int:pk>/suggestions/new/", views.suggestion, name="suggestion"),
    path("<int:pk>/suggestions/<int:sid>/reply/", views.suggestion_reply, name="suggestion_reply"),
]
