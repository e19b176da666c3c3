"""The bundled sample corpus: the seed page of trending ML papers."""
