# Template and Interpolation attributes of compiled t-strings
name = "board"
count = 3
t = t"Hello {name}, you have {count} pins"
print(type(t).__name__)
print(t.strings)
print(len(t.interpolations))
print(t.values)
for i in t.interpolations:
    print(type(i).__name__, i.value, i.expression, i.conversion, repr(i.format_spec))

empty = t""
print(empty.strings, empty.interpolations, empty.values)

only = t"{count}"
print(only.strings, only.values)

edges = t"{name}{count}"
print(edges.strings)
print(edges.values == ("board", 3))

print(type(t.strings).__name__, type(t.interpolations).__name__, type(t.values).__name__)
