"""The Python -> .mpy cross-compiler (a drop-in for mpy-cross 1.29)."""
