import ubinascii as binascii

print(sorted(n for n in dir(binascii) if not n.startswith("_")))
for name in ("b2a_hex", "a2b_hex", "crc_hqx", "b2a_uu"):
    print(name, hasattr(binascii, name))
print(binascii.hexlify(b"u"))
