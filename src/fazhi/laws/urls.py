from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.laws import views

app_name = "laws"
urlpatterns = [
    path("", views.LawList.as_view(), name="law_list"),
    path("search/", views.article_search, name="article_search"),
    path("cite/", views.cite, name="cite"),
    path("<int:pk>/", views.law_detail, name="law_detail"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("flags/", views.FlagList.as_view(), name="flag_list"),
    path("flags/<int:pk>/", views.flag_detail, name="flag_detail"),
    step_path("flags/<int:pk>/", views.flag_step, "flag_step"),
]
