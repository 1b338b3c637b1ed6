# errors the parser and lexer report, through compile()
sources = [
    "x = 1 2",
    "x = 'unterminated",
    'x = """never closed',
    "x = 0x",
    "x = 1e",
    "x = 09",
    "x = 1__0",
    "x = 5j +",
    "a b c",
    "def f(:",
    "print(1,,2)",
    "x = [1, 2",
    "x = (1, 2]",
    "@\ndef f(): pass",
    "import",
    "from . import",
    "x = $",
    "x = `1`",
    "if x = 1: pass",
    "x = '\\N{DIGIT ONE}'",
    "with: pass",
    "class: pass",
    "x = a if b",
    "f'{'",
    "f'{}'",
    "f'}'",
    "x = 1 if 2 else",
    "lambda x x: 1",
]
for src in sources:
    try:
        compile(src, "p", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e)
    except NotImplementedError as e:
        print(repr(src), "NotImplementedError", e)
