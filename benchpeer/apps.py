from django.apps import AppConfig


class BenchPeerConfig(AppConfig):
    name = "benchpeer"
    verbose_name = "Benchmark peer (bench settings only)"
