-- Forbids every file and network access outside the allowed directories and paths.
SET enable_external_access = false
