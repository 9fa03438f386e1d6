from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self):
        from .checks import allowed_hosts_are_named
        from .history import connect_history_signals
        from .signals import connect_data_signals, ensure_editors_group

        post_migrate.connect(ensure_editors_group, sender=self)
        connect_data_signals()
        connect_history_signals()
        checks.register(allowed_hosts_are_named, checks.Tags.security)
