from django.urls import path

from feedback import views

urlpatterns = [
    path("feedback/", views.submit, name="feedback_submit"),
    path("feedback/thanks/", views.thanks, name="feedback_thanks"),
]
