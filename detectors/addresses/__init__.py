"""Recognizer for detailed addresses (ADDRESS) built on administrative-division data and address structure."""
