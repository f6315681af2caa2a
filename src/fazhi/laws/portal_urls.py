"""The library on the public portal (/portal/laws/): laws are public texts."""

from django.urls import path

from fazhi.laws import views

app_name = "laws_portal"
urlpatterns = [
    path("", views.article_search, {"portal": True}, name="index"),
    path("cite/", views.cite, {"portal": True}, name="cite"),
    path("<int:pk>/", views.law_detail, {"portal": True}, name="law_detail"),
    path("versions/<int:pk>/", views.version_detail, {"portal": True}, name="version_detail"),
    path("articles/<int:pk>/", views.article_detail, {"portal": True}, name="article_detail"),
]
