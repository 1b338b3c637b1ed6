"""The guest-facing side of the board: the classes and functions guest modules expose.

The classes are defined once, at module level, and port-neutral: each interpreter gets them
bound to its own :class:`~mpt.runtime.board.guest.hardware.GuestHardware` (``bind``: a fresh
subclass carrying that interpreter's state), and every port difference is asked of the
board's :class:`~mpt.runtime.board.ports.Port`.
"""
