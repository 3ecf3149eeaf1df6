"""Builders of real test files (docx, pdf, xlsx) made with the real libraries, plus hostile variants."""
