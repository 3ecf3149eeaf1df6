"""Builds the blank spaCy zh pipeline on disk so that nothing is downloaded at run time."""
from __future__ import annotations


def main() -> None:
    pass


if __name__ == "__main__":
    main()
