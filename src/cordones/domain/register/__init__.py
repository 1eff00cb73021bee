"""The members register (Registro de Asociados) as an append-only book of entries."""
