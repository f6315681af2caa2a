from django.urls import path

from fazhi.metrics import views

app_name = "metrics"
urlpatterns = [
    path("", views.metric_list, name="list"),
    path("<str:key>/", views.drilldown, name="drilldown"),
]
