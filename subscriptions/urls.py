from django.urls import path

from subscriptions import views

urlpatterns = [
    path("updates/subscribe/<str:page_id>/", views.subscribe, name="subscriptions_subscribe"),
    path("updates/check-your-email/", views.check_email, name="subscriptions_check_email"),
    path("updates/confirm/<str:token>/", views.confirm, name="subscriptions_confirm"),
    path("updates/unsubscribe/<str:token>/", views.unsubscribe, name="subscriptions_unsubscribe"),
]
