import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
x = [bytearray(10) for _ in range(100)]
gc.enable()
print(gc.isenabled())
print(gc.collect())
gc.threshold(1000)
print(gc.threshold())
gc.threshold(4096)
print(gc.threshold())
gc.threshold(15)
print(gc.threshold())
gc.threshold(-1)
print(gc.threshold())
try:
    gc.threshold("x")
except TypeError as e:
    print("TypeError", e)
