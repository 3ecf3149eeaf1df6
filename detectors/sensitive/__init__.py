"""Recognizer for sensitive personal information (SENSITIVE_PERSONAL) near a person."""
