from django.urls import path

from fazhi.reconsideration import portal_views

app_name = "reconsideration_portal"
urlpatterns = [
    path("", portal_views.decision_list, name="list"),
    path("<int:pk>/", portal_views.decision_detail, name="detail"),
]
