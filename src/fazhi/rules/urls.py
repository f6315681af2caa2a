from django.urls import path

from fazhi.rules import views

app_name = "rules"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("board/", views.DeadlineBoard.as_view(), name="board"),
    path("compute/", views.compute, name="compute"),
    path("deadlines/<int:pk>/", views.deadline_detail, name="deadline_detail"),
    path("overrides/new/", views.override_create, name="override_create"),
    path("overrides/<int:pk>/delete/", views.override_delete, name="override_delete"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/read/", views.reminders_read, name="reminders_read"),
]
