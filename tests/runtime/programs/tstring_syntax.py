# which t-string spellings the compiler accepts (only lower-case t, r with t, no f/b with t)
for src in ('t"{x=}"', 't"{ x }"', 't"{x=!s}"', 't"{x=!r:>3}"', 't"{x:{y}}"', 'rt"{x}"',
            'tr"{x}"', 'Rt"a{x}"', 'tR"a{x}"', 'T"a"', 'RT"a"', 'Tr"a"', 'ft"{x}"',
            'tf"{x}"', 'bt"{x}"', 'tb"{x}"', 't"{x = }"', 't"{x!r=}"', 't"{(n := 5)}"',
            't"{x"', 't"x}"', 't"{}"', 't"{x!}"', 't"{x!q}"', 't"{x!rs}"', 't"{x:{y}"',
            't"unterminated', 't"{x}" t"{y}"', 't"{x}" "s"', '"s" t"{x}"'):
    try:
        compile(src, "<t>", "eval")
        print(src, "compiled")
    except SyntaxError as e:
        print(src, "SyntaxError:", e)
