from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.powers import views

app_name = "powers"
urlpatterns = [
    path("", views.ItemList.as_view(), name="item_list"),
    path("import/", views.ItemImport.as_view(), name="import"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/docx/", views.item_docx, name="item_docx"),
    step_path("items/<int:pk>/", views.item_step, "item_step"),
    path("orgs/<int:pk>/", views.org_detail, name="org_detail"),
    step_path("orgs/<int:pk>/", views.org_step, "org_step"),
    path("adjustments/", views.AdjustmentList.as_view(), name="adjustment_list"),
    path("adjustments/<int:pk>/", views.adjustment_detail, name="adjustment_detail"),
]
