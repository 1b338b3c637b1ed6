import cmath

def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("log 0", cmath.log, 0)
attempt("log10 0", cmath.log10, 0)
attempt("sqrt str", cmath.sqrt, "x")
attempt("phase None", cmath.phase, None)
attempt("rect str", cmath.rect, "a", 1)
attempt("exp big", cmath.exp, 1000)
attempt("polar args", cmath.polar, 1, 2)
attempt("sqrt 0", cmath.sqrt, 0)
attempt("sqrt -0.0", cmath.sqrt, -0.0)
attempt("log negative real", cmath.log, -2.5)
attempt("cos big imag", cmath.cos, 1000j)
