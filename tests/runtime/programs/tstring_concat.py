# Template + Template merges the touching strings; nothing else can be added
from string.templatelib import Template, Interpolation

a = 1
b = 2
t1 = t"x{a}y"
t2 = t"z{b}w"
t3 = t1 + t2
print(t3.strings, t3.values)
print((t"" + t"").strings)
print((t"{a}" + t"{b}").strings)
print((Template() + t1).strings)
t4 = t1 + t1 + t1
print(t4.strings, t4.values)
print(t1.strings, t2.strings)

for other in ("s", 1, None, [1], Interpolation(1)):
    try:
        t1 + other
    except TypeError as e:
        print("TypeError", e)
for other in ("s", 1, [1]):
    try:
        other + t1
    except TypeError as e:
        print("TypeError", e)
try:
    t1 * 2
except TypeError as e:
    print("TypeError", e)
t5 = t1
t5 += t2
print(t5.strings, t1.strings)
