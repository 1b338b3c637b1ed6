import re

text = "key1=value1; key2 = value2;key3= v3"
pairs = []
r = re.compile("(\\w+) *= *(\\w+)")
pos = 0
while True:
    m = r.search(text, pos)
    if m is None:
        break
    pairs.append((m.group(1), m.group(2)))
    pos += len(m.group(0)) + text[pos:].index(m.group(0))
print(pairs)
csv = "name,age\nbob,42\nann,37"
print([re.compile(",").split(line) for line in csv.split("\n")])
print(re.sub("[aeiou]", "", "the quick brown fox jumps over the lazy dog"))
ip = re.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)$")
for s in ("192.168.1.10", "10.0.0", "1.2.3.4x"):
    m = ip.match(s)
    print(s, None if m is None else [int(m.group(i)) for i in range(1, 5)])
big = "ab" * 300 + "c"
print(re.search("(ab)*c", big).group(1), len(re.match("[ab]*", big).group(0)))
