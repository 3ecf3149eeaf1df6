"""Recognizers of personal and organisation identifiers: ID, phone, card, e-mail, passport, plate, credit code."""
