app_name = "content_api"

urlpatterns: list = []
