from django.urls import path

from fazhi.inspections import portal_views

app_name = "inspections_portal"
urlpatterns = [
    path("", portal_views.index, name="index"),
    path("algorithm/", portal_views.algorithm, name="algorithm"),
    path("results/", portal_views.results, name="results"),
    path("tasks/<int:pk>/", portal_views.task, name="task"),
    path("draws/<int:pk>.json", portal_views.draw_record, name="draw"),
    path("draws/<int:pk>/population.txt", portal_views.population, name="population"),
]
