import time
t = time.localtime(1700000000)
year, month, mday, hour, minute, second, weekday, yearday = t
print(year, month, mday, hour, minute, second, weekday, yearday)
print(type(t).__name__, len(t))
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
for s in range(0, 7 * 86400, 86400):
    print(days[time.gmtime(s)[6]], time.gmtime(s)[7], end="; ")
print()
print(time.gmtime(86400 * 365)[:3], time.gmtime(86400 * (365 + 365 + 366))[:3])
print(time.gmtime(951868800)[:3], time.gmtime(951868800 - 1)[:3])
print(time.gmtime(4102444800 - 1)[:8])
stamp = "%04d-%02d-%02dT%02d:%02d:%02d" % time.gmtime(1234567890)[:6]
print(stamp)
