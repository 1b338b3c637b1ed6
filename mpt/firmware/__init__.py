"""Firmware images: inspect, verify, convert, cache, download and flash."""
