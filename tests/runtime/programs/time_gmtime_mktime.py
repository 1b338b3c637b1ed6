import time
for secs in (0, 1, 59, 86399, 86400, 951782400, 1000000000, 1234567890, 1700000000,
             2147483647, 4102444800):
    t = time.gmtime(secs)
    back = time.mktime(t)
    print(secs, t, back == secs)
print(time.localtime(0) == time.gmtime(0))
print(time.mktime((2024, 2, 29, 12, 0, 0, 0, 0)))
print(time.mktime((2023, 13, 1, 0, 0, 0, 0, 0)) == time.mktime((2024, 1, 1, 0, 0, 0, 0, 0)))
print(time.mktime((2024, 1, 0, 0, 0, 0, 0, 0)) == time.mktime((2023, 12, 31, 0, 0, 0, 0, 0)))
print(time.mktime((2024, 3, 1, 25, 61, 61, 0, 0)))
print(time.gmtime(time.mktime((2024, 3, 1, 25, 61, 61, 0, 0))))
print(time.gmtime(-1) if False else "skip negative")
try:
    time.mktime((2024, 1, 1))
except TypeError as e:
    print("TypeError", e)
print(time.gmtime(1.9)[5], time.gmtime(True)[5])
