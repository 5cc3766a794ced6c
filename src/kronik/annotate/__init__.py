"""Annotation stages: entities (with canonical names), quotes (with speakers), time expressions."""
