from django.urls import path

from fazhi.core.workflow import step_path
from fazhi.normdocs import importers, views

app_name = "normdocs"
urlpatterns = [
    path("", views.DocumentList.as_view(), name="documents"),
    path("new/", views.create, name="create"),
    path("import/", importers.CatalogueImport.as_view(), name="import"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/versions/<int:seq>/", views.version, name="version"),
    path("<int:pk>/link-review/", views.link_review, name="link_review"),
    step_path("<int:pk>/", views.step, "step"),
    path("comments/", views.CommentList.as_view(), name="comments"),
    path("comments/<int:pk>/", views.comment, name="comment"),
    step_path("comments/<int:pk>/", views.comment_step, "comment_step"),
    path("campaigns/", views.CampaignList.as_view(), name="campaigns"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/entries/<int:entry>/", views.decide, name="decide"),
    step_path("campaigns/<int:pk>/", views.campaign_step, "campaign_step"),
]
