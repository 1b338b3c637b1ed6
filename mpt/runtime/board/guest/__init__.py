"""The guest-facing side of the board: classes and functions that guest modules expose.

Each interpreter builds its own set through the factories in ``mpt/runtime/board/guest``; all
of them share one :class:`~mpt.runtime.board.guest.hardware.GuestHardware` per context.
"""
