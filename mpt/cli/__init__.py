"""The command-line interface: the only part of mpt that imports click."""
