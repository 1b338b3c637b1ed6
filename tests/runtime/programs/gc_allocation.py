import gc
gc.collect()
before = gc.mem_free()
junk = [bytearray(100) for _ in range(50)]
del junk
gc.collect()
print(gc.mem_free() > 0, gc.mem_alloc() > 0, before > 0)
gc.threshold(4096) if hasattr(gc, "threshold") else None
print("ok")
