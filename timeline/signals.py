"""Keep the "Editors" group in step with the models after every migrate."""

EDITOR_GROUP = "Editors"
EDITOR_PERMISSIONS = {
    "event": ["add", "change", "delete", "view"],
    "source": ["add", "change", "delete", "view"],
    "phase": ["add", "change", "delete", "view"],
    "effort": ["change", "view"],
}


def ensure_editors_group(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=EDITOR_GROUP)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    perms = Permission.objects.using(using).filter(content_type__app_label="timeline", codename__in=codenames)
    group.permissions.add(*perms)
