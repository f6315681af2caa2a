from django.urls import path

from fazhi.calendar import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.schedule_list, name="schedule_list"),
    path("new/", views.schedule_create, name="schedule_create"),
    path("paste/", views.schedule_paste, name="schedule_paste"),
    path("import/", views.ScheduleImport.as_view(), name="schedule_import"),
    path("<int:year>/", views.schedule_detail, name="schedule_detail"),
    path("<int:year>/delete/", views.schedule_delete, name="schedule_delete"),
    path("<int:year>/days/<int:pk>/delete/", views.day_delete, name="day_delete"),
]
