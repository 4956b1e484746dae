from django.urls import re_path

from policy_pages import views

urlpatterns = [
    # Nine digits at most: a page id, and always within a database integer's range.
    re_path(r"^contact-form/(?P<page_id>[0-9]{1,9})/$", views.send, name="contact_send"),
]
