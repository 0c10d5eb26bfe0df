"""Relation extractors: agreements, events and table rows, which read the entities found before them (extractors.RUN_ORDER), with the discourse units and relation models they share."""
