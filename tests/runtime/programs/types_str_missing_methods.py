s = "hello"
for name in ("title", "capitalize", "zfill", "ljust", "rjust", "swapcase", "casefold",
             "isalnum", "isnumeric", "isdecimal", "isidentifier", "isprintable", "istitle",
             "expandtabs", "translate", "removeprefix", "removesuffix", "format_map"):
    try:
        getattr(s, name)
        print(name, "present")
    except AttributeError as e:
        print(name, "AttributeError", e)
    print(name, hasattr(s, name))
try:
    s.ljust(10)
except AttributeError as e:
    print("call", e)
try:
    print(s.zfill(8))
except AttributeError as e:
    print("call", e)
for name in ("bit_length", "conjugate", "real", "imag", "numerator", "denominator", "as_integer_ratio"):
    print("int", name, hasattr(5, name))
for name in ("is_integer", "hex", "fromhex", "real", "imag", "conjugate", "as_integer_ratio"):
    print("float", name, hasattr(1.5, name))
for name in ("real", "imag", "conjugate"):
    print("complex", name, hasattr(1j, name))
for name in ("count", "index", "start", "stop", "step"):
    print("range", name, hasattr(range(3), name))
for name in ("copy", "fromkeys", "popitem", "setdefault"):
    print("dict", name, hasattr({}, name))
for name in ("append", "copy", "sort", "reverse", "clear"):
    print("list", name, hasattr([], name))
for name in ("isascii", "hex", "decode", "fromhex", "swapcase", "title"):
    print("bytes", name, hasattr(b"", name))
