-- Forbids any later change of the settings, the confinement among them.
SET lock_configuration = true
