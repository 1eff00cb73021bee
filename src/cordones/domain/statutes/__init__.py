"""Statute profiles: the rules a cooperative argues about, kept as data with validity dates."""

from cordones.domain.statutes.profiles import (
    PRESETS,
    StatuteError,
    StatuteRules,
    StatuteVersion,
    apply_overrides,
    preset_versions,
    version_in_force,
)

__all__ = [
    "PRESETS",
    "StatuteError",
    "StatuteRules",
    "StatuteVersion",
    "apply_overrides",
    "preset_versions",
    "version_in_force",
]
