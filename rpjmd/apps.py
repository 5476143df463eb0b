from django.apps import AppConfig


class RpjmdConfig(AppConfig):
    name = "rpjmd"
    verbose_name = "RPJMD"
