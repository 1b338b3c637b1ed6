import gc
gc.collect()
print(type(gc.mem_free()), type(gc.mem_alloc()), gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.collect() is None or True)
