"""Recognizers for names of natural persons (PERSON): private persons, officials in role, masked names."""
