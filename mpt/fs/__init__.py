"""File-system operations on a board, built once on the Transport primitives."""
