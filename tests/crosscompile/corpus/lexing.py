# Lexer corner cases: line endings, tabs, continuations, numbers, literals.
a = 1
b = 2c = a + \
    b
if a:
	x = 1  # a tab indents to column 9
        y = 2	# and eight spaces match it

d = (1 +
     2)  # newlines inside brackets join lines
e = [1_000, 0x1F, 0o17, 0b101, 1e3, 1E-3, 2.5j, .5, 5., 1_0.0_1e1_0]
f = 'plain' "double" '''tri
ple''' r'raw\n' + 'esc\t\x41\u00e9'
g = b'bytes' rb'\d' b'\x00\xff'
h = f'{a}' f"{b!r:>{c}}" f'no braces' f'''{a +
 b}'''
i = 'a string literal long enough not to be interned' 'and one more'
j = a if a else b; k = not a
def fn(p, *q, r=1, **s):
    return p @ r if 0 else p ** r // 3 % 2 << 1 >> 1 & 7 | 8 ^ 9
l = ...
m = a != b <= c >= d
n = 'café' + 'tab	here'
o = t'{a} and {b}' if False else None
p = 'no newline at the end'