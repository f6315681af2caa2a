from django.urls import path

from fazhi.powers import portal_views

app_name = "powers_portal"
urlpatterns = [
    path("", portal_views.item_list, name="list"),
    path("<int:pk>/", portal_views.item_detail, name="detail"),
]
