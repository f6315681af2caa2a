from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.TaskList.as_view(), name="tasks"),
    path("plans/", views.PlanList.as_view(), name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/tasks/new/", views.task_create, name="task_create"),
    step_path("plans/<int:pk>/", views.plan_step, "plan_step"),
    path("items/", views.ItemList.as_view(), name="items"),
    path("items/new/", views.item_create, name="item_create"),
    path("entities/", views.EntityList.as_view(), name="entities"),
    path("entities/import/", views.EntityImport.as_view(), name="entity_import"),
    path("entities/<int:pk>/", views.entity_detail, name="entity"),
    path("conflicts/", views.ConflictList.as_view(), name="conflicts"),
    path("conflicts/new/", views.conflict_create, name="conflict_create"),
    path("avoidance/", views.avoidance, name="avoidance"),
    path("results/", views.ResultList.as_view(), name="results"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/results.xlsx", views.task_results, name="task_results"),
    step_path("tasks/<int:pk>/", views.task_step, "task_step"),
    path("checks/<int:pk>/", views.inspection_detail, name="inspection"),
    path("checks/<int:pk>/attach/", views.inspection_attach, name="inspection_attach"),
    path("checks/<int:pk>/file/", views.inspection_file, name="inspection_file"),
    step_path("checks/<int:pk>/", views.inspection_step, "inspection_step"),
]
