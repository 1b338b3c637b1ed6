# rt/tr prefixes, escapes and triple-quoted t-strings
v = 7
print(t"a\tb{v}\n".strings)
print(rt"a\tb{v}\n".strings)
print(tr"C:\dir\{v}".strings)
print(rt"\d+{v}".strings)
print(tr"\d+{v}".strings)
t = t"""line one {v}
line "two" {v + 1}
"""
print(t.strings, t.values)
t = t'single {v!r} quotes'
print(t.strings)
print(t"\x41\u00e9{v}\101".strings)
print(t"{{}}{v}".strings)
